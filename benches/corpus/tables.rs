//! The fixed contents of the notebook: kinds, studies, codes, people, places and the needles
//! the benchmark queries look for.

/// Where each kind's share of the notes ends, in thousandths (interview 35%, observation 25%,
/// meeting 10%, social 15%, insight 15%).
pub const KIND_SHARES: [(u32, &str); 5] = [
    (350, "interview"),
    (600, "observation"),
    (700, "meeting"),
    (850, "social"),
    (1000, "insight"),
];
/// The sentence whose quote the benchmark's needle query looks for.
pub const NEEDLE_QUOTE: &str = "When I opened the case the tape deck smelled of cinnamon.";
/// Sentences that plant the rare word and the phrase in a handful of other notes.
pub const RARE_SENTENCES: [&str; 3] = [
    "She had bought the player on a trip to zanzibar and kept the receipt.",
    "Zanzibar came up again, this time as the name of the shop's listening room.",
    "He said the old radio still smelled of the ferry from zanzibar.",
];
pub const PHRASE_SENTENCES: [&str; 2] = [
    "The tape deck in the car was the only place she could play her own mixes.",
    "They kept an old tape deck behind the counter for customers who still bring cassettes.",
];

/// Why-codes two levels deep: each parent with its children.
pub const CODES: [(&str, [&str; 3]); 10] = [
    (
        "autonomy",
        ["private-soundtrack", "own-pace", "shape-the-experience"],
    ),
    (
        "belonging",
        ["community", "shared-listening", "social-courtesy"],
    ),
    (
        "trust",
        [
            "trust-through-people",
            "proof-before-purchase",
            "broken-promise",
        ],
    ),
    (
        "control-of-cost",
        ["price-sensitivity", "fixed-fee-comfort", "battery-anxiety"],
    ),
    ("convenience", ["portability", "one-place", "fewer-steps"]),
    ("self-image", ["status", "mastery", "taste-signalling"]),
    ("discovery", ["serendipity", "expert-tips", "new-places"]),
    (
        "being-heard",
        ["public-complaint", "asked-first", "seen-to-change"],
    ),
    (
        "fear-of-loss",
        ["collection-at-risk", "shop-closing", "lost-history"],
    ),
    ("escape", ["mood-shift", "shut-out-noise", "daydreaming"]),
];
pub const COLORS: [&str; 10] = [
    "#46AA00", "#2B7BD9", "#8E44AD", "#C0392B", "#16A085", "#F1C40F", "#E67E22", "#34495E",
    "#7F8C8D", "#1ABC9C",
];

/// Study folders; insights live in a folder of their own, as in `research/`.
pub const STUDIES: [&str; 19] = [
    "portable-music",
    "listener-town-halls",
    "photo-store",
    "social-listening",
    "quiet-carriage",
    "record-shop-regulars",
    "night-shift-radio",
    "bike-couriers",
    "podcast-commuters",
    "repair-cafe",
    "film-lab-customers",
    "festival-campers",
    "library-listening-booths",
    "car-stereo-installers",
    "gym-playlists",
    "hearing-aid-users",
    "vinyl-subscriptions",
    "karaoke-boxes",
    "school-run-parents",
];
pub const INSIGHTS_FOLDER: &str = "insights";

pub const RESEARCHERS: [&str; 30] = [
    "ms", "pk", "dc", "ay", "jt", "rl", "hn", "ko", "eb", "sv", "tm", "lw", "gf", "nq", "ci", "bd",
    "yo", "fa", "ur", "wp", "zh", "ej", "mk", "as", "ti", "ln", "rc", "dv", "ht", "og",
];
pub const CITIES: [&str; 36] = [
    "Tokyo",
    "Osaka",
    "Minneapolis",
    "Asheville",
    "Boise",
    "Pittsburgh",
    "Austin",
    "Portland, Maine",
    "Cincinnati",
    "Manchester",
    "Leeds",
    "Glasgow",
    "Dublin",
    "Lyon",
    "Marseille",
    "Berlin",
    "Leipzig",
    "Rotterdam",
    "Ghent",
    "Copenhagen",
    "Malmo",
    "Porto",
    "Valencia",
    "Bologna",
    "Krakow",
    "Tallinn",
    "Montreal",
    "Halifax",
    "Oaxaca",
    "Lima",
    "Melbourne",
    "Wellington",
    "Seoul",
    "Taipei",
    "Nairobi",
    "Cape Town",
];
pub const PLACE_KINDS: [&str; 14] = [
    "street",
    "market",
    "station",
    "library",
    "cafe",
    "park",
    "record shop",
    "bus stop",
    "community hall",
    "platform",
    "camera shop",
    "food court",
    "laundrette",
    "high street",
];
pub const CONSENTS: [&str; 6] = [
    "verbal, notes only",
    "written, audio recorded",
    "verbal, photos allowed",
    "written, notes and photos",
    "verbal, parent present, notes only",
    "verbal, notes only, follow-up interview agreed",
];
pub const PLATFORMS: [(&str, &str); 6] = [
    ("forum", "forum.example.com/t"),
    ("video", "video.example.com/watch"),
    ("microblog", "micro.example.net/status"),
    ("blog", "blogs.example.org/post"),
    ("reviews", "reviews.example.com/r"),
    ("photo-sharing", "photos.example.net/p"),
];
pub const STATUSES: [&str; 5] = ["proposed", "accepted", "shipped", "parked", "rejected"];
