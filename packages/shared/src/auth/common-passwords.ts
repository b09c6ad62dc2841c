// Passwords people pick first, refused as new passwords (NIST SP 800-63B 5.1.1.2, ASVS 2.1.7). About a
// thousand of the most frequent entries of public breach lists plus words of this app's own context,
// written in the reduced form `reduce` gives, so "P@ssw0rd-2026!" and "password" are the same entry.
const COMMON = new Set(
  `
  a aa hi hp no ok 123 aaa abc asd bar baz bmw bye cat dog foo fox god hey ipt max may mia mom ncc phq qwe
  red tea thx usa yes zxc 0000 1111 1122 1212 1234 1313 2000 2112 2222 2468 2wsx 3333 4321 4444 5555 6666
  6969 7777 8888 9999 aaaa abcd adam alex amen anna asdf babe baby bear beer blah blue cubs dell demo eedc
  emma eric fall ford gary gold golf gray grey hawk hero hope hulk iqaz jack java jeep john july june lily
  lion lisa lord love mark mary mike moon okay pass paul pink pony qwer rock rome root rose ruth ryan sexy
  shit sony star temp test toor user wolf zxcv 11111 12345 13579 54321 aaron admin aib2c angel apple april
  asdfg betty bitch black brian brown buddy candy carol chevy china chris cisco cutie daddy daisy david
  demon devil donna eagle elvis emily enter faith frank ghost gmail grace green guest harry haslo helen
  hello henry heslo hipaa honda honey horse india jacob james japan jason jerry jesus karen kevin kitty
  larry laura linda linux login logon lover lucky march maria mario messi mommy money music nancy ninja
  nokia nurse paris peace peter piano pizza puppy pussy qiqiq qiw2e sarah satan scott senha shark snake
  sonic stars sugar super susan teddy texas tiger tokyo tulip tyler vodka wales white yahoo zelda zxcvb
  000000 100200 101010 111111 111222 112233 121212 121314 123000 123123 123321 123412 123456 123654 123789
  131313 135790 147258 147852 159357 159753 159951 202020 212121 222222 232323 246810 258456 333333 420420
  456123 456789 520520 555555 654321 666666 696969 741852 777777 789456 852456 888888 963852 987654 999999
  aaaaaa abcdef access adidas amanda amazon andrea andrew angela angels apples asdasd asdfgh asdqwe ashley
  august austin autumn azerty badboy bailey banana barney batman berlin bigdog biteme booboo boomer boston
  brandy brazil burger buster camaro canada casper cheese cherry christ church client clinic coffee compaq
  cookie cowboy dakota dallas daniel dennis diablo doctor doggie donald dragon ducati eagles edward eminem
  falcon family father fender flower fluffy foobar france friday friend fuckme george gfhjkm ghbdtn giants
  ginger golden golfer google guitar gundam hammer hannah harley heaven helloo hockey hottie hunter i2eabc
  i2eqwe ia2bec iceman iloveu iphone iq2wee jasper jelszo johnny jordan joseph joshua junior justin killer
  kisses kitten knight lakers laptop lauren legend lenovo london lovely loveme lovers madrid maggie marina
  marine martin master matrix merlin mexico mickey miller monday monkey morgan moscow mother mybaby mylove
  mypass myself naruto nascar nathan nicole nikita nissan noname office oliver olivia oracle orange orchid
  parola passwd peanut pepper player please pretty prince purple python qazwsx qazxsw qqqqqq qweasd qweqwe
  qwerty qwertz rabbit rachel ranger redsox robert ronald russia samuel sandra scooby secret server shadow
  sharon silver slayer smokey sniper snoopy soccer sophia sophie sparky spider spring steven summer sunday
  sweety system taylor tennis tester thomas tigers tigger toyota turtle ubuntu winner winter wizard xxxxxx
  yamaha yellow ytrewq zombie zxcvbn zxczxc zzzzzz 0000000 1111111 1234567 5201314 7777777 8675309 abcdefg
  abigail aib2ced ais2def america android anthony anxiety arsenal asdfghj asshole barbara bastard beatles
  bigdick blessed blowjob brandon broncos bubbles bulldog celtics charles charlie chelsea chester chicago
  chicken clients company cookies cowboys crystal cynthia darling deborah default desktop diamond dodgers
  dolphin england ferrari fishing florida flowers forever freedom friends fuckoff fuckyou gandalf gateway
  germany goodbye gregory heather hotmail i2eas6a i2eas6q iloveme iqazxsw ireland ironman jackson january
  jasmine jeffrey jessica justice kenneth klaster ladybug letmein liberty loveyou lozinka madison madonna
  manager matthew melissa michael mnbvcxz monitor monster montana mustang natasha network newpass newyork
  nirvana nothing october outlook packers panther panties patient patrick patriot peaches phoenix pikachu
  planner pokemon porsche private qiw2eer qwertyu raiders rainbow rangers rebecca richard ronaldo samsung
  samurai scooter service session shannon soldier stephen support sweetie testing therapy thunder timothy
  trinity trustme trustno tuesday twitter unknown vampire warrior welcome whiskey william windows winston
  yankees youtube zachary zaqixsw zaqizaq zxcvbnm 00000000 11111111 11223344 12121212 12341234 12344321
  12345678 22222222 87654321 88888888 99999999 aaaaaaaa abcdefgh asdfasdf asdfghjk babygirl baseball
  benjamin blahblah blessing business caseload changeme clinical cocacola computer corvette december
  dickhead dontknow facebook february football hardcore helpdesk hospital i2eaabcd i2eaqwer i2easabc
  ihateyou iiiiaaaa ilovegod iloveyou imissyou internet iq2weear iqaz2wsx isabella jennifer jonathan
  juventus kimberly linkedin margaret marlboro maverick mercedes michelle midnight nicholas november
  passpass password passwort patricia patriots princesa princess qqqqqqqq qwertyui salasana samantha
  saturday scotland sessions startrek starwars steelers sunlight sunshine superman sysadmin temppass
  thursday victoria whatever whocares zaqi2wsx zzzzzzzz 000000000 123123123 123456789 147258369 147852369
  159753456 369258147 741852963 789456123 963852741 987654321 alexander asdfghjkl australia barcelona
  beautiful butterfly charlotte chocolate clinician counselor elizabeth godisgood idontknow instagram
  liverpool lkjhgfdsa masterkey metallica microsoft moonlight passwords qazwsxedc qazxswedc qiw2eerat
  qweasdzxc qwei2eqwe rocknroll september spiderman starlight stephanie sunflower superstar superuser
  temporary therapist wednesday wellbeing wolverine 0000000000 0123456789 0987654321 1111111111 1234554321
  1234567890 1234567891 9876543210 aaaaaaaaaa basketball bestfriend california contrasena counseling
  counsellor depression healthcare hellokitty helloworld i2eas6t89a i2eas6t89q i2easqwert iq2weearst
  javascript manchester mobilemail monitoring motdepasse mypassword nopassword poiuytrewq psychiatry
  psychology qwertyuiop realmadrid strawberry supervisor sweetheart wachtwoord 01234567890 09876543210
  11111111111 12345678910 christopher counselling jesuschrist newpassword o98t6sae2ia supervision
  112233445566 121212121212 123456123456 123456789012 987654321012 demopassword iq2weearst6y iqaz2wsxeedc
  mentalhealth psychiatrist psychologist qazwsxedcrfv qwertyqwerty temppassword 1234567890123
  administrator adminpassword interpersonal psychotherapy iq2weearst6ytu secretpassword sessionplanner
  iqaz2wsxeedcarfv passwordpassword iptsessionplanner therapistpassword supervisorpassword
  interpersonaltherapy correcthorsebatterystaple interpersonalpsychotherapy
`
    .trim()
    .split(/\s+/),
);

// Typing along a row of the keyboard, or counting, is no better than a listed password.
const RUNS = [
  "01234567890123456789",
  "abcdefghijklmnopqrstuvwxyz",
  "qwertyuiopasdfghjklzxcvbnm",
  "qwertzuiopasdfghjklyxcvbnm",
  "azertyuiopqsdfghjklmwxcvbn",
  "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p",
  // eslint-disable-next-line @typescript-eslint/no-misused-spread -- ASCII rows: one character, one key
].flatMap((run) => [run, [...run].reverse().join("")]);
const LEET: Record<string, string> = {
  "@": "a",
  "4": "a",
  "0": "o",
  "1": "i",
  "!": "i",
  "3": "e",
  $: "s",
  "5": "s",
  "7": "t",
};

/** Lower case, no separators; then the word part, without a trailing run of digits or symbols, un-leeted. */
function reduce(password: string): { whole: string; word: string } {
  const whole = password.toLowerCase().replace(/[\s._-]+/g, "");
  const word = whole.replace(/[^a-z]+$/, "").replace(/[@4013$57!]/g, (c) => LEET[c] ?? c);
  return { whole, word };
}

/** A listed password (with any case, separators, leet or a number or symbols after it), a repeat, or a run. */
export function isCommonPassword(password: string): boolean {
  const { whole, word } = reduce(password);
  if (COMMON.has(word || whole)) return true;
  if (/^(.{1,4})\1+$/.test(whole)) return true;
  return RUNS.some((run) => run.includes(whole));
}
