//! The vocabulary notes are written in: real English words by rank, and enough Japanese to
//! make a few notes an index has to segment.

/// Size of the vocabulary: the real words of [`WORDS`], then pronounceable made-up ones.
pub const VOCABULARY: usize = 20_000;

/// Real English words, most frequent first: the words of `research/` by how often they occur
/// there, then everyday words it does not use. They take the top ranks of the vocabulary, so
/// the common words of the corpus are the words researchers actually write.
pub const WORDS: &str = "
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

/// About one note in a hundred is written mostly in Japanese, like the field diary of a study in
/// Tokyo; nouns and verb endings are enough to make sentences an index has to segment.
pub const JA_NOUNS: &str = "電車 駅 音楽 学生 会社員 友達 家族 母 父 祖母 祖父 兄 妹 店 店員 写真 カメラ レンズ 散歩 公園 \
通勤 通学 朝 夜 週末 雨 傘 荷物 鞄 イヤホン ヘッドホン ラジオ ラジカセ カセット テープ 値段 料金 電池 時間 お金 仕事 \
学校 教室 先生 子供 隣の人 乗客 車内 ホーム 改札 切符 地図 道 交差点 商店街 喫茶店 本屋 レコード 歌 曲 声 音 静けさ \
騒音 気分 習慣 約束 信頼 不安 理由 意見 質問 答え 説明 会議 集まり 仲間 地域 近所 常連 趣味 練習 技術 自転車 配達 出前 \
蕎麦 弁当 昼休み 帰り道 窓 景色 季節 桜 夏 冬 天気 新聞 雑誌 広告 値上げ 割引 会員 登録 画面 ボタン 設定 充電 重さ \
大きさ 肩 手 耳 目 頭 心 気持ち 笑顔 話 相談 記録 メモ 日記 感想 経験 思い出 昔 今 将来 計画 変化 問題 工夫 便利さ \
売り場 棚 箱 袋 紙 机 椅子 部屋 台所 玄関 階段 屋上 事務所 工場 病院 図書館 映画 番組 放送 局 電波 スピーカー \
マイク 録音 再生 停止 音量 曲順 好み 流行 若者 大人 高校生 大学生 主婦 店長 運転手 看護師 記者 職人 写真家 ";
pub const JA_PARTICLES: [&str; 8] = ["は", "が", "を", "に", "で", "と", "も", "から"];
pub const JA_ENDINGS: &str = "聞いている 話していた 持ち歩いている 使っている 選んだ 買った 借りた 困っている \
気にしている 楽しんでいる 待っていた 歩いていた 笑った 迷っている 止めた 消した 並んでいた 覚えている 忘れた \
変えたいと言った 続けている 探している 見せてくれた 教えてくれた 言っていた 感じている 欲しいと言った 諦めた \
戻ってきた 集まっていた 静かだった 重いと言った 高いと思っている 安いと喜んだ 便利だと話した 面倒だと言った \
嬉しそうだった 恥ずかしそうだった 楽しそうだった 疲れていた 寂しいと言った 大事にしている 毎日使う 週に一度来る \
誰にも聞かせない 一人で聞く 友達と分ける 家に置いてきた 肩にかけていた 手放せない 初めて見た 驚いていた";
pub const JA_PLACES: [&str; 8] = [
    "渋谷駅前、東京",
    "新宿駅の南口、東京",
    "原宿の竹下通り、東京",
    "秋葉原の電気街、東京",
    "梅田の地下街、大阪",
    "京都駅のバス乗り場",
    "吉祥寺の商店街、東京",
    "横浜の中華街",
];
