//! Writes a synthetic notebook for the search benchmarks (see `benches/README.md`).
//!
//! `cargo bench --bench corpus -- --notes N --out DIR [--seed S]`
//!
//! The notebook looks like `research/` grown to N notes: every kind of note, the fields the
//! brief describes, files of about 1.8 KB, and text drawn from a 20,000-word vocabulary with a
//! Zipf-like law, so that an index meets a few very common words and a long tail of rare ones,
//! as it would in years of real field notes. A few fixed needles give the benchmark queries
//! known answers. The same seed and N always give the same bytes, so timings taken on
//! different days or machines are taken on the same notebook.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// Seed used when none is given; the benchmark script relies on it to reuse corpora.
const DEFAULT_SEED: u64 = 1979;
/// Size of the vocabulary: the real words below, then pronounceable made-up ones.
const VOCABULARY: usize = 20_000;
/// Where each kind's share of the notes ends, in thousandths (interview 35%, observation 25%,
/// meeting 10%, social 15%, insight 15%).
const KIND_SHARES: [(u32, &str); 5] = [
    (350, "interview"),
    (600, "observation"),
    (700, "meeting"),
    (850, "social"),
    (1000, "insight"),
];
/// The sentence whose quote the benchmark's needle query looks for.
const NEEDLE_QUOTE: &str = "When I opened the case the tape deck smelled of cinnamon.";
/// Sentences that plant the rare word and the phrase in a handful of other notes.
const RARE_SENTENCES: [&str; 3] = [
    "She had bought the player on a trip to zanzibar and kept the receipt.",
    "Zanzibar came up again, this time as the name of the shop's listening room.",
    "He said the old radio still smelled of the ferry from zanzibar.",
];
const PHRASE_SENTENCES: [&str; 2] = [
    "The tape deck in the car was the only place she could play her own mixes.",
    "They kept an old tape deck behind the counter for customers who still bring cassettes.",
];

/// Why-codes two levels deep: each parent with its children.
const CODES: [(&str, [&str; 3]); 10] = [
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
const COLORS: [&str; 10] = [
    "#46AA00", "#2B7BD9", "#8E44AD", "#C0392B", "#16A085", "#F1C40F", "#E67E22", "#34495E",
    "#7F8C8D", "#1ABC9C",
];

/// Study folders; insights live in a folder of their own, as in `research/`.
const STUDIES: [&str; 19] = [
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
const INSIGHTS_FOLDER: &str = "insights";

const RESEARCHERS: [&str; 30] = [
    "ms", "pk", "dc", "ay", "jt", "rl", "hn", "ko", "eb", "sv", "tm", "lw", "gf", "nq", "ci", "bd",
    "yo", "fa", "ur", "wp", "zh", "ej", "mk", "as", "ti", "ln", "rc", "dv", "ht", "og",
];
const CITIES: [&str; 36] = [
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
const PLACE_KINDS: [&str; 14] = [
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
const CONSENTS: [&str; 6] = [
    "verbal, notes only",
    "written, audio recorded",
    "verbal, photos allowed",
    "written, notes and photos",
    "verbal, parent present, notes only",
    "verbal, notes only, follow-up interview agreed",
];
const PLATFORMS: [(&str, &str); 6] = [
    ("forum", "forum.example.com/t"),
    ("video", "video.example.com/watch"),
    ("microblog", "micro.example.net/status"),
    ("blog", "blogs.example.org/post"),
    ("reviews", "reviews.example.com/r"),
    ("photo-sharing", "photos.example.net/p"),
];
const STATUSES: [&str; 5] = ["proposed", "accepted", "shipped", "parked", "rejected"];

/// About one note in a hundred is written mostly in Japanese, like the field diary of a study in
/// Tokyo; nouns and verb endings are enough to make sentences an index has to segment.
const JA_NOUNS: &str = "電車 駅 音楽 学生 会社員 友達 家族 母 父 祖母 祖父 兄 妹 店 店員 写真 カメラ レンズ 散歩 公園 \
通勤 通学 朝 夜 週末 雨 傘 荷物 鞄 イヤホン ヘッドホン ラジオ ラジカセ カセット テープ 値段 料金 電池 時間 お金 仕事 \
学校 教室 先生 子供 隣の人 乗客 車内 ホーム 改札 切符 地図 道 交差点 商店街 喫茶店 本屋 レコード 歌 曲 声 音 静けさ \
騒音 気分 習慣 約束 信頼 不安 理由 意見 質問 答え 説明 会議 集まり 仲間 地域 近所 常連 趣味 練習 技術 自転車 配達 出前 \
蕎麦 弁当 昼休み 帰り道 窓 景色 季節 桜 夏 冬 天気 新聞 雑誌 広告 値上げ 割引 会員 登録 画面 ボタン 設定 充電 重さ \
大きさ 肩 手 耳 目 頭 心 気持ち 笑顔 話 相談 記録 メモ 日記 感想 経験 思い出 昔 今 将来 計画 変化 問題 工夫 便利さ \
売り場 棚 箱 袋 紙 机 椅子 部屋 台所 玄関 階段 屋上 事務所 工場 病院 図書館 映画 番組 放送 局 電波 スピーカー \
マイク 録音 再生 停止 音量 曲順 好み 流行 若者 大人 高校生 大学生 主婦 店長 運転手 看護師 記者 職人 写真家 ";
const JA_PARTICLES: [&str; 8] = ["は", "が", "を", "に", "で", "と", "も", "から"];
const JA_ENDINGS: &str = "聞いている 話していた 持ち歩いている 使っている 選んだ 買った 借りた 困っている \
気にしている 楽しんでいる 待っていた 歩いていた 笑った 迷っている 止めた 消した 並んでいた 覚えている 忘れた \
変えたいと言った 続けている 探している 見せてくれた 教えてくれた 言っていた 感じている 欲しいと言った 諦めた \
戻ってきた 集まっていた 静かだった 重いと言った 高いと思っている 安いと喜んだ 便利だと話した 面倒だと言った \
嬉しそうだった 恥ずかしそうだった 楽しそうだった 疲れていた 寂しいと言った 大事にしている 毎日使う 週に一度来る \
誰にも聞かせない 一人で聞く 友達と分ける 家に置いてきた 肩にかけていた 手放せない 初めて見た 驚いていた";
const JA_PLACES: [&str; 8] = [
    "渋谷駅前、東京",
    "新宿駅の南口、東京",
    "原宿の竹下通り、東京",
    "秋葉原の電気街、東京",
    "梅田の地下街、大阪",
    "京都駅のバス乗り場",
    "吉祥寺の商店街、東京",
    "横浜の中華街",
];

/// Real English words, most frequent first: the words of `research/` by how often they occur
/// there, then everyday words it does not use. They take the top ranks of the vocabulary, so
/// the common words of the corpus are the words researchers actually write.
const WORDS: &str = "
the a to and of in it on is with for people i at he one her that she not radio two they only
about music his shop who notes said them what was from are station asked by when trust walk my
through verbal first as their social you every had would an back because listening before own
photo private community has but town out after price room song three same shared up be
headphones heard being came more this we soundtrack than time control down me or staff train
cost if use nobody come meeting sound walks want can never so street then ask night small were
calendar home like no off online wants buy courtesy day events have him there big each hall
other person all hand member will cassette do does listener place quiet read service something
where years customers fear group how into last lens listens loss minutes morning over phone
split without escape go interview store way work written year belonging company customer don't
earphone else five here most six speaker student thing tokyo us whether whole any anything
batteries habit nothing portable ratings between broken could counter it's left listen now
school second several someone told boombox did hear just loud money next player playing pocket
portability promise proof record sales see status camera coffee everyone free harajuku head
hours listeners mastery pay play road saturday shape team used your again asking carriage door
ek evening half halls hands hour island park photos purchase rhode says tape which why against
been brought coach experience found four get inside kept line look new observation posts
providence songs ten thumbs too trip wanted workshop wrong bag both bought business cameras
discovery even few forty itself keep make month mostly move much old part plays post product
queue say sign site still talk talked uses am anyone autonomy buys cancelled case cassettes
circle commute convenience diary feels film founder friends going insight know least list ms put
records runs sharing shibuya show stations stopped weeks alone already bigger binder carry
change cut different family father felt high keeps light man many notice official paying
platform point rather reading reason retired review rise run tapes teen tell together took
trains update week write almost aloud around asks behind body close closing doing dollars email
example expensive feel friend https image its lb listened long meet members microblog nine our
owner rn routine seat self shoulder since spreadsheet things tried twice while answers asheville
better buying called cancelling cannot captured carries changed costs earbuds end fee full
internal knows liked made name noise office once others paid photographer question queues quotes
reversal single takes talking teacher teenagers tells themselves think those twenty waiting
watched went woman words afterwards ak announcement blog bus cheaper circles com comes comments
couple crowd dad dancing decision empty everything exactly eyes faq find forum gate handbag
headphone heavy i've kind learn lenses less link loudest makes marquee met moment months nurse
outside pace pittsburgh pricing public rain real recorded recording red repair replies right
round running seen sells separate shinjuku shop's showed sounds spent stay stop support take
thirty ticket times transistor tripods try turns ukulele volume wedding whose young yourself
account accounts agreed also anonymously another audio baseball belongs bills borrowed bring
brings button carrying cheap choosing corkboard counting dark days dc delivery disc discount
discs doors ear ever everybody fewer fiddle fine follow fox friend's front give history hobby
holding holds hy i'm jt later laughed let letter limit little looked losing love may memory
monthly mood near numbers ones opened page pk plan questions radios rush short silent sits sold
some start stayed stood sunday thank thanks that's third tray turned wanting website websites
weekend window within yamanote accepted add ads akihabara angle arm's austin band bench best
bill board boise brand breakfast brief built calisthenics cells children chooses chose city
clerk collection dancer dear debrief describe design didn't direction drives during ears eleven
emails engineer engineers event exercise expected explained exposure fans father's feature finds
fit fix fixed fm friday gave gets goes guilty hachiko heads hold hospital inokashira interesting
jazz jogger keeping knoxville late lazy leads learning length live men mentions might
minneapolis monday musicians needs newspaper nights noticed often older pages pass pause pick
played press prices printing problem reasons reflection reply saw sets shift shut side silence
smaller speakers stand starts steer steps stereo stores strangers sw takeshita taking taught
technician teenager thought till today top trusted turning typist under university version very
video whom wide wife wire works writing wrote yoyogi aa above advertising advice afraid
afternoon agent ago alive along answer answered aren't arm aside bar bicycle biggest bike
borrows bounces box bridge busy buyers calls can't card cards carried centre changes charge
choice civics clean closed collar coming commuter commutes complain complaint confirmed controls
count counted credit daily date decide device differently disagreement drifted driving earphones
eight elderly ends enough evenings evidence except fair far figures floor folded following
footbridge forget forth freeloader girl girls gives groups handed harbour having held house hums
hurts i'll ignored instead internet jack kettle laptop leaking learns leaving leeds library life
lights lists living loan lot lunch mail main maine manager mentioned method midnight mine minute
mm model models moving named note offers ohio open opening opposite order outdoors paper parking
personal photographs picture planner plaster portland pressed printed professional properly
proposed purchases puts reads recorder representative request ride rider rides row rude
salaryman sample sat save schedule set shifts shipped shoots shopping shot should showing signed
singing size slow smooth soup space spend standing started statue steerers stops streaming
string students study stump sure surprise switches swung talks taste thin thinking thread
thumbed tomorrow tone tour traffic triage tripod trips trying tune turn understand undo ups
using wall warranty watch wearing weight welcome women word wording worker working worry worth
yet able accountant acts actually admired admits advert advocacy age air although amount amy
announced announcements anyway apology apps april argued arrived artist artists arts assistant
assumed attendance attendant away bakery barber barbershop basket beat become becomes beginners
begun billboard binoculars bit blamed boats bonus booking boxes break breaks budget bug build
builds cab cancellation cancels car cardigan carriers carson caught charts check checked checks
chorus chuo class classmates clear clearest cloth coat coded cold comment compare compared
compares comparing compensation complaints congress couples covers cross crossing curved dance
dancers darkroom daughter deal decides desk difference disappeared disappointed discounts
discpost dj doesn't dollar dori dozens drawer drift drop drove duty dvd early economy effort
electronics everywhere existing explaining face falls fan favourite features feet fits flash
flat flyer forgot funny future gear gifts given good got grab grumbled guest guy handle
handlebar handwritten happens harbourlight hears hers himself hits holiday holidays honestly
humming hundred hurt husband's i'd idea identity ill imposing inertia insurance interviewed
interviews investors inwards jogging joining joke keepers kid kids kill kit kitchen knocks
labels laughter leader leak leave licensing lightweight likes listing lives local log london
longer low loyalty makers mancunian marker marketing match matched matters maybe mean meaning
measure measuring mechanism middle minnesota miss missed misses mixtape moved moviesundays
myself names napkin nearby nearly negatives neighbourhood neighbours news nice night's notebook
nowhere objections odakyu ours ovens overnight paperback parent patio pattern pavement
pedestrian pennsylvania per period permission personally photographed photography pictures
places plastic platforms players please posted presented pride printout profiles programme
prototypes purpose quietfox quietly quote raised ran ranked rates reactions really receipts
recommend refunded regulars rejected remember requests riding ring robbed rough routes rows
royalty rule sad saint saying scarf screen script season seeds sees sell seller sends sent
september serve seventy sheet shift's shinagawa shoes silly sit sixty skips soba sofa somewhere
sounded spec spite splitting spring square staying stays steelworker story straight strap stupid
subject suspects switching taken teenage test testing th thinks though threatens tinny tired
titled tonight total towns trail tree trial tries trolley truck twelve typical unless user van
verses views visitors vote waited walked walking warm waterfront we'll wearers wears weekends
weigh wet what's white whoever win worked worrying writes yes abc abstract absurd accept accepts
acoustic across act activity ad adapter added adding adds administrator adult advance agency
agree ahead airline ak's albums algorithm allowance allowed anger angry announces announcing
answering aoyama apologised apologising appear appeared applauded arcade archivist arguing
argument arithmetic arrives artefacts asphalt assume ate attend attended attendees attention
author autumn average avoid avoids awake awning backlash bad bags baker bargain barrier battered
bd beats became begged behaviour believe believing bell belong betrayed birds black blame blank
blocks blogger bluegrass blues blunt boarded boat bodies boots boring borrow borrowing bothering
boy breaking brewpub bright broadcaster brother brother's bubbles busiest caf callers camp camps
cancel candid cap capable caps caption care careful carolina carpenter cars catalogue celebrates
ceo certain chain chairs character charged chats chatted cheapest checklist chemistry choose
chosen cigarette cinema circled cities classmate clearly cleat clerk's clock closes clothes
codes coding colleagues collect college collide coltrane comfort commenter commenters common
commuters compact company's comparison competes competitor complaining compromise computer
conclusion confident confirm consideration considers constantly conversations copies correcting
corrects costumes coughing countdown counterweight counts couple's cover craft crazy credited
credits crepe cupboard curious currency current customer's cutting dances data dates dead
deciding decisions decline defend defends delights delivered demand demo dental departure
describes deserves designer designing desktop despite develops digital direct disappearing
disputed distance disturb division dj's doncaster done doorway doubled doubles dragged drawing
drawn dream drifting drink driver dropped dropping drum drummer dusk earlier earned eats ebisu
edited eighteen eighths elsewhere embarrassed embarrassment en ended enforces engineering
english enjoys entirely envelopes escaped escapes estate estimates evolve exact excerpt exchange
exists expecting explain explanation export exports exposures extra eye faces facing failed
failure failures fall family's farm farmer fears february feedback feeling fees fell fi field
fields fifteen fifth fifty figure films finance findable finding finger finished firmly fishing
folder folding follows foot form forums forward founder's founders founding fountain fourteen
fourth fraction freeze function futon gap gaps gather gathered genres gift gig girlfriend gloves
gone goods gorge graduate grandfathered grandfathering graphic gravel greeted grew groaned
groceries grumbles guessed guilt guitar handing handkerchief handling hang hanging happy hard
hardest hardly hat haul help helped helps herself hi hidden hide hiding higher hit honest hotel
however humour husband hush hygienist hypothesis idaho ikebukuro immediately improve
improvements improvised including indie input instructions intending intense invite jackets
japanese job join joined juice katakana kichijoji kilometre kilometres kilos kinds king's known
lacquered ladies landed landscape lap large largely laughing laughs launch layers leaders
leadership leaned leather leaves lecturer legal lend lent letters level librarian lies lifting
lightly lips listener's lit literally loaner loaners lobby lobbyist login lonely looking looks
loose lost lots loudly loved lovely lower lowers lying magazine male manage management
manchester march margin margins market marks matches mattered means mechanic meets member's
membership mention merging meters mid millions minds minimum minivan mirror mirrorless missing
mistakes mix mixed mode modes month's moods mornings mother mouth mouthed mouthing mouths moves
movie neck need needed net newest newspapers nineteen nodded nodding noisy none north
notification noting novelty november nurses objection october odd offered one's opens opinion
opt option opts orange org organise organised outage owns pack packed padded pair panel
paperbacks parents particular passed passenger passengers passes passing path patience pays
peace peak people's percent person's peterborough petitions phone's phones photograph
photographing phrase pianist piano picks pinned pizza planned plans pockets podcast pointed
polite politely pond pop popcorn poster posting postman poured practical practising pre prefers
present pretending privacy pro probably process processing products professionals programmes
project propose proposes protect protective prototype proves publish puddle puddles pull punish
push pushed pushers quarter quite quoting rage rallying ramen rarely rated re reached reasoning
recommendation recommended recruit reel reflected reflections register rejects rejoined released
relief rely remembered remembers remove rental reordering repeated replacing replays replied
reports research reshared resigned respect respond restaurant rests retail retention return
returning reviews rhythm risk rituals rivalry river rock roll rolls rounds routing royalties
rules rusted sake salaryman's sale sangenjaya satin saving scalable scare schoolgirls screens
searched seats seconds seeing seem seemed sellers send sensor serious setagaya setting setup
seven share shifting shimokitazawa ship shocked shoot shooter shooters shoppers shots shouting
shown shows shrine shrugged shuts sidewalk signage signal signs silenced silently silhouetted
silver simple singer sixth sized skate skaters skating skill sleeve slides slightly slowed
slowly slows smallest smears smile smiles snacks snow soaked software someone's sometimes son
son's songwriter sorry source speaks speed spoke sporting squeezed stack stamp stamped staring
station's steadying step sticky stool storefront straps streets stretch stretching strict stuck
stuff style subscriber such summary sums sundays supposed surprised surroundings survive
suspicion swap swapped swapping sweat sweats switched tables tabs tag tagged tagging talisman
taped tapping taps taqueria teaches tear technical technique technology telling tension tested
tester tests texas text theirs these thousand threatened thumb tilted tip title titles today's
tool topic torture touch towel toyoko tracksuit tractor trading trainee treat treated trophy
trouble true trusts tuesday tuning twenties typist's ugly uk uke umbrellas unanswered understood
uniform unpaid unprompted unthinkable until unused upbeat upstairs urge urn useless usual
vestibule viral visibly voice voices voter wait waits wakefield walkers walkman war warned
warning warns watching water wave weather weddings wednesday weekday weighs welcomes well
weren't west western wickenden winter wipe withdraws workers workshops world worried worries
worst wrapped wraps year's you'd you're yuming ability absence absolute access accident accurate
achieve acid active actual adapt address adjust admire admit afford aim airport alarm album
allow alter always amazing ancient animal annual anxious anybody apart apartment apparent appeal
apple apply approach area argue army arrange arrive art article asleep attach attack attempt
attitude audience aunt award aware awful baby background bake balance ball bank barely base
basic bath battery beach bean bear beautiful bed bedroom beer begin behave belief below belt
bend beneath benefit beside beyond bird birth birthday bite bitter blade blanket blind block
blood blow blue boil bold bone boot border bored boss bother bottle bottom bowl brain branch
brave bread breath breathe brick bride brilliant broad brown brush bunch burden burn bury bush
butter buyer cabin cable cake calm campaign candle capital captain career carpet cash castle cat
catch cause ceiling cell center central century chair chalk challenge champion chance channel
chapter charity chart chase cheek cheese chef chest chicken chief child chip chocolate chop
church citizen civil claim clever client climb cloud club coal coast code coin colleague colour
column combine command commit complete complex concern concert condition connect conscious
consider constant contact contain content contest context continue contract contrast cook cool
copy corner correct cottage cotton couch country county courage course court cousin crack crash
cream create crew crime crisis crop crown cruel cry cultural culture cup curtain curve custom
cycle damage damp danger dare debate debt decade decent declare deep define degree delay deliver
dense deny depend depth desert detail develop diet differ dinner dirt dirty discuss disease dish
display divide doctor document dog domestic double doubt dozen drag drama draw dress drive drug
dry duck due dull dust eager earn earth ease east easy eat edge edit educate effect egg either
elbow elder elect electric element emerge emotion enable encourage enemy energy engage engine
enjoy enormous ensure enter entire entry envelope equal error essay evil exam excellent excite
excuse exist exit expand expect expense expert explore express extend extreme fabric fact
factory fade fail faint faith false fame familiar famous fancy fashion fast fat fault favour
feather feed fence festival fever fierce fight file fill final finish fire firm fish flag flame
flavour flight float flood flour flow flower fly focus fold folk food force foreign forest
forgive fork formal fortune frame fresh fridge fright frost fruit fuel fun fund fur furniture
gain game garage garden gas general generous gentle genuine gesture ghost giant glad glass
global glove goal god gold golf govern grade grain grand grant grass grateful grave great green
greet grey grid grind grip ground grow guard guess guide gun hair hammer happen harm hate health
heap heart heat heaven height hell hero hill hint hire hole hollow holy honey hook hope horror
horse host hot huge human hunger hunt hurry ice ideal identify ignore imagine impact import
impose income increase indeed index indoor industry infant inform injury ink inner innocent
insect insist install instance intend interest interior invent invest iron issue item jacket jam
jar jaw jealous jewel joint journey joy judge jump junior jury justice keen key kick king kiss
knee knife knock knot label labour lack ladder lady lake lamp land lane language laser laugh law
lawn lawyer layer lead leaf league lean lecture leg lemon lesson lid lie lift lion lip liquid
load lock lodge lord lose luck lung machine mad magic major mall manner map mark marry mass
master material matter meal meat medal media medicine medium melt mental menu mercy mere mess
metal mild mile milk mind minor mistake mobile modern monitor moon moral motion motor mount
mountain mouse mud murder muscle museum mystery nail narrow nation native nature navy neat
needle neighbour nerve nest network noble noon normal nose novel number nut object obvious
occasion ocean offer officer oil onion opera oppose ordinary organ origin outdoor outer oven owe
package pain paint palace pale palm pan panic parade partner party passage past patient pen
pencil penny pension pepper perfect perform perhaps permit pet phase piece pig pile pilot pin
pink pipe pitch pity plain plane planet plant plate pleasant plenty plot plus poem poet poison
pole police policy political pool poor popular port pose position positive possible pot potato
pound pour powder power practice praise pray prefer prepare pretend pretty prevent priest prince
print prior prison prize produce profit program proper property proud prove provide pub pump
punch pupil pure purple puzzle queen quick race rail raise range rank rare rate raw reach react
ready recall receive recent recipe reduce refer reflect reform refuse region regret reject
relate relax release remain remark remind remote rent repeat report require rescue reserve
resist resolve resource rest result retire reveal reward rice rich rob role roof root rope rose
route royal rub rubber ruin safe sail salad salary salt sand satisfy sauce scale scene science
score scream sea search secret section secure seed seek select senior sense sentence series
servant settle severe sew shade shadow shake shallow shame sharp sheep shelf shell shelter shine
shirt shock shoe shore shout shower shy sick sight silk similar sing sink sister skin skirt sky
sleep slice slide slip slope smart smell smoke snake soap sock soft soil soldier solid solve
soon sore sort soul sour south spare speak special speech spell spice spirit spoil sport spot
spread stable stage stair standard star stare state steady steal steam steel steep stick stiff
stir stock stomach stone storm stove strange stranger stream strength stress strike strip stroke
strong structure studio succeed sudden sugar suit summer sun supply suppose surface surgeon
surround survey suspect swallow swear sweep sweet swim swing switch symbol sympathy system table
tail talent tall tank target task tax taxi tea teach teeth telephone television temple tend
tennis tent term terrible theatre theme theory thick thirsty threat throat throw tidy tie tiger
tight tile timber tin tiny tissue toast toe toilet tomato tongue tooth tough tower toy track
trade tragedy transport trap travel treasure trend trick truth tube tunnel twin type tyre uncle
union unique unit universe upper upset urban valley value vary vast vehicle venue vessel victim
view village violin virtue visit visual vital wage waist wake wallet wander wash waste weak
wealth weapon wear web wheel whisper whistle wild wind wine wing winner wise wish witness wood
wool wrap wrist yard yellow youth zone
";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("corpus: {message}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<(), String> {
    let mut notes = None;
    let mut out = None;
    let mut seed = DEFAULT_SEED;
    let mut args = std::env::args().skip(1);
    // Anything else (cargo adds `--bench`) is ignored on purpose.
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--notes" => notes = args.next().and_then(|v| v.parse::<usize>().ok()),
            "--out" => out = args.next().map(PathBuf::from),
            "--seed" => {
                seed = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .ok_or("--seed needs a whole number")?;
            }
            _ => {}
        }
    }
    let usage = "usage: cargo bench --bench corpus -- --notes N --out DIR [--seed S]";
    let notes = notes.ok_or(usage)?;
    let out = out.ok_or(usage)?;
    prepare_folder(&out)?;

    let started = Instant::now();
    let bytes = Corpus::new(seed).write(&out, notes)?;
    let seconds = started.elapsed().as_secs_f64();
    eprintln!(
        "corpus: {notes} notes, {bytes} bytes (mean {} B) in {seconds:.1}s -> {}",
        bytes / notes.max(1) as u64,
        out.display()
    );
    Ok(())
}

/// Refuses to mix a corpus into anything else: the output folder must be missing or empty.
fn prepare_folder(out: &Path) -> Result<(), String> {
    match std::fs::read_dir(out) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                return Err(format!(
                    "{} is not empty; give a new folder or delete it first",
                    out.display()
                ));
            }
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => std::fs::create_dir_all(out)
            .map_err(|e| format!("cannot create {}: {e}", out.display())),
        Err(e) => Err(format!("cannot read {}: {e}", out.display())),
    }
}

/// splitmix64: a few lines, fast, and the corpus depends on no crate's idea of randomness.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next()) * n as u128) >> 64) as usize
    }

    /// A number in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    fn chance(&mut self, per_thousand: usize) -> bool {
        self.below(1000) < per_thousand
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Draws ranks with probability proportional to given weights (inverse-CDF on a table).
struct Zipf {
    cumulative: Vec<f64>,
}

impl Zipf {
    /// Weights `1 / (rank + 2.7)`: a Zipf-Mandelbrot law, built from divisions only so the
    /// table, and with it the corpus, is the same on every machine.
    fn new(len: usize, tail_from: usize) -> Self {
        let mut total = 0.0;
        let cumulative = (0..len)
            .map(|rank| {
                let mut weight = 1.0 / (rank as f64 + 2.7);
                // Real notes reuse their everyday words more than a pure Zipf law predicts;
                // halving the made-up tail keeps it at about a tenth of all words.
                if rank >= tail_from {
                    weight *= 0.5;
                }
                total += weight;
                total
            })
            .collect();
        Zipf { cumulative }
    }

    fn sample(&self, rng: &mut Rng) -> usize {
        let target = rng.unit() * self.cumulative[self.cumulative.len() - 1];
        self.cumulative
            .partition_point(|&c| c <= target)
            .min(self.cumulative.len() - 1)
    }
}

/// A pronounceable word that is in no dictionary, for the long tail of the vocabulary.
fn made_up_word(rng: &mut Rng) -> String {
    const ONSETS: [&str; 30] = [
        "b", "br", "ch", "d", "dr", "f", "fl", "g", "gr", "h", "j", "k", "kl", "l", "m", "n", "p",
        "pl", "pr", "r", "s", "sh", "sk", "st", "t", "th", "tr", "v", "w", "",
    ];
    const VOWELS: [&str; 9] = ["a", "e", "i", "o", "u", "ai", "ea", "ou", "oo"];
    const CODAS: [&str; 13] = [
        "", "", "", "n", "r", "l", "s", "m", "nd", "st", "ck", "x", "t",
    ];
    let mut word = String::new();
    for _ in 0..rng.range(2, 3) {
        word.push_str(rng.pick(&ONSETS));
        word.push_str(rng.pick(&VOWELS));
    }
    word.push_str(rng.pick(&CODAS));
    word
}

/// Everything a note is made of, drawn from one seeded generator.
struct Corpus {
    rng: Rng,
    words: Vec<String>,
    word_law: Zipf,
    tags: Vec<String>,
    tag_law: Zipf,
    codes: Vec<&'static str>,
    code_law: Zipf,
    study_law: Zipf,
    ja_nouns: Vec<&'static str>,
    ja_endings: Vec<&'static str>,
}

/// What is decided about a note before its text is written.
struct Plan<'a> {
    kind: &'static str,
    date: String,
    study: &'static str,
    japanese: bool,
    cinnamon: bool,
    rare: Option<&'static str>,
    phrase: Option<&'static str>,
    evidence: &'a [String],
}

impl Corpus {
    fn new(seed: u64) -> Self {
        let mut rng = Rng(seed);
        let mut words: Vec<String> = WORDS.split_whitespace().map(String::from).collect();
        let real = words.len();
        let mut seen: HashSet<String> = words.iter().cloned().collect();
        // The needles' words must occur only where they are planted.
        for needle in ["zanzibar", "cinnamon", "deck"] {
            seen.insert(needle.to_string());
        }
        while words.len() < VOCABULARY {
            let word = made_up_word(&mut rng);
            if seen.insert(word.clone()) {
                words.push(word);
            }
        }

        let mut tags = Vec::new();
        let mut seen_tags = HashSet::new();
        while tags.len() < 200 {
            let mut tag = topic_word(&mut rng, &words[100..real]).to_string();
            if rng.chance(300) {
                tag.push('-');
                tag.push_str(topic_word(&mut rng, &words[100..real]));
            }
            if seen_tags.insert(tag.clone()) {
                tags.push(tag);
            }
        }
        // Codes are drawn in a shuffled order so the most used code is not always a parent.
        let mut codes: Vec<&'static str> = CODES
            .iter()
            .flat_map(|(parent, children)| std::iter::once(*parent).chain(children.iter().copied()))
            .collect();
        for i in (1..codes.len()).rev() {
            codes.swap(i, rng.below(i + 1));
        }

        Corpus {
            word_law: Zipf::new(words.len(), real),
            tag_law: Zipf::new(tags.len(), usize::MAX),
            code_law: Zipf::new(codes.len(), usize::MAX),
            study_law: Zipf::new(STUDIES.len(), usize::MAX),
            rng,
            words,
            tags,
            codes,
            ja_nouns: JA_NOUNS.split_whitespace().collect(),
            ja_endings: JA_ENDINGS.split_whitespace().collect(),
        }
    }

    /// Writes the whole notebook and returns the bytes written.
    fn write(&mut self, out: &Path, notes: usize) -> Result<u64, String> {
        let write = |path: PathBuf, text: &str| {
            std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
        };
        let mut bytes = 0u64;
        write(
            out.join("fieldnotes.yaml"),
            &format!("name: Benchmark notebook, {notes} synthetic notes\nlanguage: en\n"),
        )?;
        write(out.join("codebook.yaml"), &self.codebook())?;
        for folder in STUDIES.iter().chain([&INSIGHTS_FOLDER]) {
            let path = out.join(folder);
            std::fs::create_dir_all(&path)
                .map_err(|e| format!("cannot create {}: {e}", path.display()))?;
        }

        let cinnamon_at = notes / 2;
        let rare_at: Vec<usize> = (0..6).map(|k| k * notes / 6 + 1).collect();
        let phrase_at: Vec<usize> = (0..4).map(|k| k * notes / 4 + 3).collect();
        let mut ids: Vec<String> = Vec::with_capacity(notes);
        let mut days: Vec<i64> = Vec::with_capacity(notes);
        let mut taken = HashSet::with_capacity(notes);
        let mut evidence = Vec::new();
        for i in 0..notes {
            let share = self.rng.below(1000) as u32;
            let mut kind = KIND_SHARES.iter().find(|(end, _)| share < *end).unwrap().1;
            // Insights cite earlier notes, so the first few notes cannot be insights.
            if i == cinnamon_at || (kind == "insight" && i < 10) {
                kind = "interview";
            }
            let study = STUDIES[self.study_law.sample(&mut self.rng)];
            evidence.clear();
            let day = if kind == "insight" {
                // Insights are written soon after the notes they draw on.
                let recent = i.min(400);
                let mut latest = 0;
                for _ in 0..self.rng.range(2, 6) {
                    let cited = i - 1 - self.rng.below(recent);
                    if !evidence.contains(&ids[cited]) {
                        evidence.push(ids[cited].clone());
                        latest = latest.max(days[cited]);
                    }
                }
                latest + self.rng.range(1, 30) as i64
            } else {
                study_start(study) + self.rng.below(730) as i64
            };
            let date = self.date(day);
            let plan = Plan {
                kind,
                japanese: i != cinnamon_at && self.rng.chance(10),
                cinnamon: i == cinnamon_at,
                rare: rare_at
                    .iter()
                    .position(|&at| at == i)
                    .map(|k| RARE_SENTENCES[k % RARE_SENTENCES.len()]),
                phrase: phrase_at
                    .iter()
                    .position(|&at| at == i)
                    .map(|k| PHRASE_SENTENCES[k % PHRASE_SENTENCES.len()]),
                evidence: &evidence,
                date,
                study,
            };
            let (slug, text) = self.note(&plan);
            let mut id = format!("{}-{slug}", &plan.date[..10]);
            if !taken.insert(id.clone()) {
                let base = id.clone();
                id = (2..)
                    .map(|n| format!("{base}-{n}"))
                    .find(|candidate| taken.insert(candidate.clone()))
                    .unwrap();
            }
            let folder = if kind == "insight" {
                INSIGHTS_FOLDER
            } else {
                study
            };
            write(out.join(folder).join(format!("{id}.yaml")), &text)?;
            bytes += text.len() as u64;
            ids.push(id);
            days.push(day);
        }
        Ok(bytes)
    }

    fn codebook(&mut self) -> String {
        let mut out = String::from("codes:\n");
        for (i, (parent, children)) in CODES.iter().enumerate() {
            let _ = writeln!(out, "  - name: {parent}");
            field(&mut out, "    description", &self.sentence(6, 14));
            let _ = writeln!(out, "    color: \"{}\"", COLORS[i]);
            for child in children {
                let _ = writeln!(out, "  - name: {child}");
                field(&mut out, "    description", &self.sentence(6, 14));
                let _ = writeln!(out, "    parent: {parent}");
                if self.rng.chance(700) {
                    field(&mut out, "    include", &self.phrase(4, 10));
                }
                if self.rng.chance(600) {
                    let other = self.rng.pick(&self.codes);
                    let exclude = format!("{} (use {other})", self.phrase(3, 8));
                    field(&mut out, "    exclude", &exclude);
                }
                if self.rng.chance(800) {
                    field(&mut out, "    example", &self.sentence(4, 12));
                }
            }
        }
        out
    }

    /// One note's slug and text, in the canonical form fieldnotes writes.
    fn note(&mut self, plan: &Plan) -> (String, String) {
        let kind = plan.kind;
        let ja = plan.japanese;
        let mut out = String::with_capacity(2500);
        let _ = writeln!(out, "kind: {kind}");
        let title = if ja { self.ja_title() } else { self.title() };
        field(&mut out, "title", &title);
        let _ = writeln!(out, "date: {}", plan.date);
        let _ = writeln!(out, "study: {}", plan.study);
        if kind != "social" && kind != "insight" && self.rng.chance(900) {
            let place = if ja {
                self.rng.pick(&JA_PLACES).to_string()
            } else {
                self.place()
            };
            field(&mut out, "place", &place);
        }
        let _ = writeln!(out, "researcher: {}", self.rng.pick(&RESEARCHERS));
        let people = match kind {
            "interview" => self.rng.range(1, 2),
            "observation" => self.rng.range(0, 2),
            "meeting" => self.rng.range(2, 6),
            _ => 0,
        };
        if people > 0 {
            out.push_str("participants:\n");
            let first = self.rng.range(1, 900);
            for p in 0..people {
                let _ = writeln!(out, "  - alias: P{:03}", first + p);
                let about = if ja { self.ja_phrase() } else { self.about() };
                field(&mut out, "    about", &about);
                if self.rng.chance(900) {
                    let consent = self.rng.pick(&CONSENTS);
                    field(&mut out, "    consent", consent);
                }
            }
        }
        let tags = self.tags();
        let _ = writeln!(out, "tags: [{}]", tags.join(", "));
        let slug = if ja {
            slug(&tags.join(" "))
        } else {
            slug(&title)
        };
        let why = self.codes(1, 3);
        let _ = writeln!(out, "why: [{}]", why.join(", "));
        self.body(&mut out, plan);
        let findings = match kind {
            "insight" => 0,
            "social" => self.rng.range(1, 2),
            _ => self.rng.range(1, 5),
        };
        if findings > 0 {
            out.push_str("findings:\n");
        }
        for f in 0..findings {
            let did = if ja {
                self.ja_phrase()
            } else {
                self.phrase(5, 12)
            };
            field(&mut out, "  - did", &did);
            if plan.cinnamon && f == 0 {
                field(&mut out, "    quote", NEEDLE_QUOTE);
            } else if self.rng.chance(800) {
                let quote = if ja {
                    self.ja_sentence()
                } else {
                    self.sentence(5, 18)
                };
                field(&mut out, "    quote", &quote);
            }
            if self.rng.chance(900) {
                let codes = self.codes(1, 2);
                let _ = writeln!(out, "    why: [{}]", codes.join(", "));
            }
            if self.rng.chance(500) {
                let note = if ja {
                    self.ja_phrase()
                } else {
                    self.phrase(3, 9)
                };
                field(&mut out, "    note", &note);
            }
        }
        if kind == "social" {
            let (platform, host) = self.rng.pick(&PLATFORMS);
            let author = format!("{}_{}", self.word_from_tail(), self.rng.below(1000));
            out.push_str("source:\n");
            let url = format!("https://{host}/{}-{}", slug, self.rng.below(100_000));
            field(&mut out, "  url", &url);
            field(&mut out, "  author", &author);
            let _ = writeln!(out, "  platform: {platform}");
        }
        if kind == "insight" {
            let _ = writeln!(out, "evidence: [{}]", plan.evidence.join(", "));
            let action = self.sentence(6, 18);
            field(&mut out, "action", &action);
            if self.rng.chance(900) {
                let _ = writeln!(out, "status: {}", self.rng.pick(&STATUSES));
            }
        }
        (slug, out)
    }

    fn body(&mut self, out: &mut String, plan: &Plan) {
        let sentences = self.rng.range(2, 15);
        let mut paragraphs: Vec<Vec<String>> = Vec::new();
        let mut left = sentences;
        while left > 0 {
            let take = self.rng.range(2, 5).min(left);
            let paragraph = (0..take)
                .map(|_| {
                    if plan.japanese {
                        self.ja_sentence()
                    } else {
                        self.sentence(8, 30)
                    }
                })
                .collect();
            paragraphs.push(paragraph);
            left -= take;
        }
        for planted in [plan.rare, plan.phrase].into_iter().flatten() {
            let at = self.rng.below(paragraphs.len());
            let within = self.rng.range(0, paragraphs[at].len());
            paragraphs[at].insert(within, planted.to_string());
        }
        out.push_str("body: |\n");
        for (i, paragraph) in paragraphs.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            let (separator, width) = if plan.japanese { ("", 40) } else { (" ", 98) };
            wrap(out, paragraph, separator, width);
        }
    }

    fn word(&mut self) -> &str {
        &self.words[self.word_law.sample(&mut self.rng)]
    }

    fn word_from_tail(&mut self) -> String {
        let at = self.rng.range(4000, self.words.len() - 1);
        self.words[at].clone()
    }

    /// Lower-case words, as in a `did:` or a `note:`.
    fn phrase(&mut self, min: usize, max: usize) -> String {
        let mut out = String::new();
        for i in 0..self.rng.range(min, max) {
            if i > 0 {
                out.push(' ');
            }
            let word = self.words[self.word_law.sample(&mut self.rng)].as_str();
            if word == "i" || word.starts_with("i'") {
                out.push('I');
                out.push_str(&word[1..]);
            } else {
                out.push_str(word);
            }
        }
        out
    }

    fn sentence(&mut self, min: usize, max: usize) -> String {
        let mut text = capitalised(&self.phrase(min, max));
        // An occasional comma, so that sentences are not all one breath.
        if let Some(at) = text.match_indices(' ').nth(3).map(|(at, _)| at)
            && self.rng.chance(250)
        {
            text.insert(at, ',');
        }
        text.push(if self.rng.chance(60) { '?' } else { '.' });
        text
    }

    fn title(&mut self) -> String {
        capitalised(&self.phrase(4, 10))
    }

    fn place(&mut self) -> String {
        let name = capitalised(self.word());
        let kind = self.rng.pick(&PLACE_KINDS);
        format!("{name} {kind}, {}", self.rng.pick(&CITIES))
    }

    fn about(&mut self) -> String {
        let mut about = self.phrase(3, 7);
        if self.rng.chance(500) {
            about.push_str(", ");
            about.push_str(&self.phrase(2, 6));
        }
        about
    }

    fn tags(&mut self) -> Vec<String> {
        let mut tags: Vec<String> = Vec::new();
        for _ in 0..self.rng.range(1, 6) {
            let tag = &self.tags[self.tag_law.sample(&mut self.rng)];
            if !tags.contains(tag) {
                tags.push(tag.clone());
            }
        }
        tags
    }

    fn codes(&mut self, min: usize, max: usize) -> Vec<&'static str> {
        let mut codes = Vec::new();
        for _ in 0..self.rng.range(min, max) {
            let code = self.codes[self.code_law.sample(&mut self.rng)];
            if !codes.contains(&code) {
                codes.push(code);
            }
        }
        codes
    }

    fn ja_noun(&mut self) -> &'static str {
        self.ja_nouns[self.rng.below(self.ja_nouns.len())]
    }

    fn ja_sentence(&mut self) -> String {
        let mut out = String::new();
        for i in 0..self.rng.range(2, 4) {
            if i > 0 && self.rng.chance(300) {
                out.push('、');
            }
            out.push_str(self.ja_noun());
            out.push_str(self.rng.pick(&JA_PARTICLES));
        }
        out.push_str(self.ja_endings[self.rng.below(self.ja_endings.len())]);
        out.push('。');
        out
    }

    fn ja_phrase(&mut self) -> String {
        let mut out = String::new();
        out.push_str(self.ja_noun());
        out.push('の');
        out.push_str(self.ja_noun());
        out.push_str(self.rng.pick(&JA_PARTICLES));
        out.push_str(self.ja_endings[self.rng.below(self.ja_endings.len())]);
        out
    }

    fn ja_title(&mut self) -> String {
        format!(
            "{}で{}の{}を聞く",
            self.ja_noun(),
            self.ja_noun(),
            self.ja_noun()
        )
    }

    fn date(&mut self, day: i64) -> String {
        let (y, m, d) = civil_from_days(day);
        let mut date = format!("{y:04}-{m:02}-{d:02}");
        if self.rng.chance(400) {
            let _ = write!(
                date,
                "T{:02}:{:02}",
                self.rng.range(7, 21),
                self.rng.below(12) * 5
            );
            if self.rng.chance(300) {
                date.push_str(self.rng.pick(&["+09:00", "-05:00", "+01:00", "+00:00"]));
            }
        }
        date
    }
}

/// One `key: value` line.
fn field(out: &mut String, key: &str, value: &str) {
    out.push_str(key);
    out.push_str(": ");
    push_scalar(out, value);
    out.push('\n');
}

/// A real word fit to be a topic: letters only and long enough to mean something.
fn topic_word<'a>(rng: &mut Rng, words: &'a [String]) -> &'a str {
    loop {
        let word = &words[rng.below(words.len())];
        if word.len() >= 4 && word.bytes().all(|b| b.is_ascii_lowercase()) {
            return word;
        }
    }
}

/// The first day of a study: each one spans its own two years between 2008 and 2024.
fn study_start(study: &str) -> i64 {
    let index = STUDIES.iter().position(|s| *s == study).unwrap_or(0) as i64;
    days_from_civil(2008 + (index * 7) % 15, 1, 1) + index * 11
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The id's slug from the first words of a title, as `fieldnotes new` names notes.
fn slug(title: &str) -> String {
    let mut slug = String::new();
    for word in title.split_whitespace().take(6) {
        let clean: String = word
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
            .map(|c| c.to_ascii_lowercase())
            .collect();
        if clean.is_empty() || slug.len() + clean.len() > 50 {
            continue;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(&clean);
    }
    if slug.is_empty() {
        slug.push_str("note");
    }
    slug
}

/// Literal-block lines of at most `width` characters, indented two spaces.
fn wrap(out: &mut String, sentences: &[String], separator: &str, width: usize) {
    let mut line = String::new();
    let mut line_chars = 0;
    let pieces = sentences.iter().flat_map(|s| {
        if separator.is_empty() {
            vec![s.as_str()]
        } else {
            s.split(' ').collect()
        }
    });
    for piece in pieces {
        let piece_chars = piece.chars().count();
        if line_chars > 0 && line_chars + separator.len() + piece_chars > width {
            out.push_str("  ");
            out.push_str(&line);
            out.push('\n');
            line.clear();
            line_chars = 0;
        }
        if line_chars > 0 {
            line.push_str(separator);
            line_chars += separator.len();
        }
        line.push_str(piece);
        line_chars += piece_chars;
    }
    if !line.is_empty() {
        out.push_str("  ");
        out.push_str(&line);
        out.push('\n');
    }
}

/// Writes text as a plain scalar when YAML 1.2 reads it back as the same string, and in
/// double quotes otherwise, as the project's own writer does.
fn push_scalar(out: &mut String, text: &str) {
    let plain = text.chars().next().is_some_and(char::is_alphabetic)
        && !text.ends_with([' ', ':'])
        && !text.contains(": ")
        && !text.contains(" #")
        && !text.chars().any(char::is_control)
        && !["true", "false", "null", "yes", "no", "on", "off"]
            .iter()
            .any(|w| text.eq_ignore_ascii_case(w));
    if plain {
        out.push_str(text);
        return;
    }
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day number from [`days_from_civil`].
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}
