// Renders Armistice's military symbols into assets/symbols from pinned npm packages:
//   milsymbol 3.0.4 draws each APP-6 D / MIL-STD-2525 D symbol as SVG, stanag-app6 names its
//   entity, and resvg-js (with the Arimo font) turns the symbols' letters into paths, so the
//   program draws them without any font, and rasterises the reference images of the tests.
//
// Run through build.sh (npm ci first). Deterministic: two runs give byte-identical files.
//
// What it writes:
//   assets/symbols/svg/<SIDC>.svg   one SVG per catalogue entity and standard identity, with
//                                   neither echelon nor headquarters (those are composed at run
//                                   time from the amplifiers below), in milsymbol's own units
//                                   (the octagon centre at 100,100; a friendly land frame is
//                                   150 × 100)
//   assets/symbols/catalogue.json   the entities (SIDC parts → name, symbol set, entity path,
//                                   search words), the frame boxes and the amplifiers
//   assets/symbols/embedded.rs      the table that embeds every SVG file in the binary
//   assets/icon/armistice-*.png     the application icon in the freedesktop sizes
//   tests/data/symbols/<SIDC>.png   milsymbol's own drawing of a few whole SIDCs (echelon and
//                                   headquarters included), rasterised, for the comparison test

import ms from "milsymbol";
import { Resvg } from "@resvg/resvg-js";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, "../..");
const OUT = path.join(ROOT, "assets/symbols");
const FONT_DIR = path.join(HERE, "node_modules/@expo-google-fonts/arimo");
const FONT_FILES = [
  path.join(FONT_DIR, "400Regular/Arimo_400Regular.ttf"),
  path.join(FONT_DIR, "700Bold/Arimo_700Bold.ttf"),
];

// Symbol sets used by the program (APP-6 D digits 5–6) and the stanag-app6 table naming them.
const SETS = {
  "01": { name: "Air", table: "Air" },
  10: { name: "Land unit", table: "Land unit" },
  15: { name: "Land equipment", table: "Land equipment" },
  30: { name: "Sea surface", table: "Sea surface" },
  35: { name: "Sea subsurface", table: "Sea subsurface" },
};

// Standard identities (digit 4). Pending (0) draws as unknown; joker and faker are exercise forms.
const IDENTITIES = {
  1: "Unknown",
  2: "Assumed friend",
  3: "Friend",
  4: "Neutral",
  5: "Suspect",
  6: "Hostile",
};

// Echelons of land units (digits 9–10) and headquarters / task force (digit 8).
const ECHELONS = {
  "00": "",
  11: "Team/crew",
  12: "Squad",
  13: "Section",
  14: "Platoon/detachment",
  15: "Company/battery/troop",
  16: "Battalion/squadron",
  17: "Regiment/group",
  18: "Brigade",
  21: "Division",
  22: "Corps",
  23: "Army",
  24: "Army group/front",
  25: "Region/theatre",
  26: "Command",
};
const HQ_TF = { 0: "", 2: "Headquarters", 4: "Task force", 6: "Task force headquarters" };

// The entities a ceasefire plan needs: symbol set, entity code (digits 11–16), the name shown in
// the picker, and extra words people search for. The entity path comes from stanag-app6.
const ENTITIES = [
  // Each set's frame without an icon: what a code outside the catalogue falls back to when no
  // catalogue entity shares its entity digits.
  ["10", "000000", "Land unit (unspecified)", "unit frame"],
  ["15", "000000", "Land equipment (unspecified)", "equipment frame"],
  ["01", "000000", "Air track (unspecified)", "aircraft frame"],
  ["30", "000000", "Sea surface track (unspecified)", "ship vessel frame"],
  ["35", "000000", "Sea subsurface track (unspecified)", "underwater frame"],
  // Land units
  ["10", "110000", "Headquarters / command and control", "hq c2 command post staff"],
  ["10", "110500", "Liaison", "liaison officers coordination"],
  ["10", "111000", "Signal", "communications comms"],
  ["10", "110300", "Civil-military cooperation", "cimic civil affairs"],
  ["10", "121000", "Combined arms", "battlegroup battle group"],
  ["10", "121100", "Infantry", "light infantry rifles"],
  ["10", "121102", "Mechanised infantry", "mechanized armoured infantry ifv tracked"],
  ["10", "121104", "Motorised infantry", "wheeled infantry motorized"],
  ["10", "120500", "Armour", "armor armoured tank tanks"],
  ["10", "120400", "Anti-tank", "antitank antiarmour atgm"],
  ["10", "121300", "Reconnaissance", "recce recon cavalry scout isr"],
  ["10", "121200", "Observer / monitoring team", "monitor monitors observers ceasefire observation mission"],
  ["10", "121600", "Surveillance", "isr monitoring"],
  ["10", "121900", "Unmanned aerial systems unit", "uav uas drone drones"],
  ["10", "120600", "Army aviation (rotary wing)", "helicopter helicopters aviation"],
  ["10", "120100", "Air assault", "airmobile helicopter-borne"],
  ["10", "121700", "Special forces", "sf"],
  ["10", "121800", "Special operations forces", "sof"],
  ["10", "130100", "Air defence", "air defense ad sam gbad"],
  ["10", "130300", "Field artillery", "artillery guns howitzers fires"],
  ["10", "130700", "Missile", "rocket artillery missiles fires"],
  ["10", "130800", "Mortar", "mortars fires"],
  ["10", "140100", "CBRN defence", "chemical biological radiological nuclear nbc"],
  ["10", "140700", "Engineer", "engineers sappers combat engineers"],
  ["10", "140800", "Explosive ordnance disposal", "eod demining"],
  ["10", "141400", "Mine clearing", "demining mine clearance"],
  ["10", "141200", "Military police", "mp police provost"],
  ["10", "141700", "Security", "force protection guard"],
  ["10", "150500", "Electronic warfare", "ew jamming"],
  ["10", "151000", "Military intelligence", "isr intelligence mi"],
  ["10", "160000", "Sustainment", "logistics support"],
  ["10", "160600", "Combat service support", "logistics css"],
  ["10", "163400", "Supply", "logistics supplies"],
  ["10", "163600", "Transportation", "transport logistics movement"],
  ["10", "161100", "Maintenance", "repair logistics"],
  ["10", "161300", "Medical", "medics medical unit"],
  ["10", "161400", "Medical treatment facility", "hospital field hospital role 2"],
  // Land equipment
  ["15", "111100", "Air defence missile launcher", "sam air defense patriot iris-t nasams"],
  ["15", "110500", "Air defence gun", "anti-aircraft gun aaa spaag"],
  ["15", "110900", "Howitzer", "artillery gun self-propelled"],
  ["15", "111600", "Multiple rocket launcher", "mlrs himars rocket artillery"],
  ["15", "111300", "Surface-to-surface missile launcher", "ssm ballistic missile launcher"],
  ["15", "111400", "Mortar (weapon)", "mortar"],
  ["15", "120200", "Tank (vehicle)", "mbt main battle tank"],
  ["15", "120101", "Armoured fighting vehicle", "afv ifv"],
  ["15", "120103", "Armoured personnel carrier", "apc"],
  // Air
  ["01", "110000", "Military aircraft", "air aircraft"],
  ["01", "110100", "Fixed-wing aircraft", "aircraft plane"],
  ["01", "110104", "Fighter", "fighter jet air superiority combat aircraft"],
  ["01", "110105", "Fighter/bomber", "multirole strike fighter"],
  ["01", "110102", "Attack/strike aircraft", "ground attack strike"],
  ["01", "110103", "Bomber", "bomber strategic"],
  ["01", "110109", "Tanker", "air-to-air refuelling aar refueling"],
  ["01", "110116", "Airborne early warning", "aew awacs aew&c"],
  ["01", "110111", "Reconnaissance aircraft", "isr surveillance recce"],
  ["01", "110121", "Electronic support measures aircraft", "esm sigint isr"],
  ["01", "110107", "Cargo / transport aircraft", "transport airlift cargo logistics"],
  ["01", "110110", "Maritime patrol aircraft", "patrol mpa"],
  ["01", "110118", "Antisubmarine warfare aircraft", "asw"],
  ["01", "110108", "Electronic combat / jammer", "ew jammer"],
  ["01", "110200", "Rotary wing", "helicopter"],
  ["01", "110300", "Unmanned aerial vehicle", "uav uas drone rpv"],
  // Sea surface
  ["30", "120000", "Military combatant", "warship ship navy"],
  ["30", "120100", "Carrier", "aircraft carrier"],
  ["30", "120203", "Destroyer", "destroyer warship"],
  ["30", "120204", "Frigate", "frigate warship"],
  ["30", "120205", "Corvette", "corvette warship"],
  ["30", "120300", "Amphibious warfare ship", "amphibious landing ship"],
  ["30", "120400", "Mine warfare ship", "mine countermeasures mcm"],
  ["30", "120404", "Mine hunter", "minehunter mcm"],
  ["30", "120402", "Minesweeper", "mine sweeper mcm"],
  ["30", "120500", "Patrol boat", "patrol craft"],
  ["30", "120700", "Unmanned surface vehicle", "usv sea drone"],
  ["30", "130100", "Auxiliary ship", "replenishment support logistics"],
  // Sea subsurface
  ["35", "110100", "Submarine", "submarine ssk ssn"],
  ["35", "110400", "Unmanned underwater vehicle", "uuv auv underwater drone"],
];

// The comparison test's whole SIDCs: echelon and headquarters as milsymbol draws them.
const REFERENCE_SIDCS = [
  "10031000181211020000", // friend mechanised infantry brigade
  "10061000161205000000", // hostile armour battalion
  "10041000151301000000", // neutral air defence company
  "10031002211100000000", // friend division headquarters
  "10013000001202040000", // unknown frigate (letters)
  "10030100001101040000", // friend fighter (letters)
];

/** The entity path of `code` in a stanag-app6 table: [entity, type, subtype] without blanks. */
function entityPath(table, code) {
  const lines = fs
    .readFileSync(
      path.join(HERE, "node_modules/stanag-app6/tsv-tables/app6d", `${table}.tsv`),
      "utf8",
    )
    .split("\n")
    .map((l) => l.replace(/\r$/, "").split("\t"));
  let entity = "";
  let type = "";
  for (const [e, t, s, c] of lines.slice(1)) {
    if (e) {
      entity = e.trim();
      type = "";
    }
    if (t) type = t.trim();
    if (c === code) {
      return [entity, e ? "" : type, s ? s.trim() : ""].filter((x) => x);
    }
  }
  // Some tables list no unspecified entity: its path is the symbol set alone.
  if (code === "000000") return [`Unspecified ${table.toLowerCase()}`];
  throw new Error(`${table} has no entity ${code}`);
}

function symbol(sidc) {
  const s = new ms.Symbol(sidc, { size: 100 });
  if (!s.isValid()) throw new Error(`milsymbol does not know ${sidc}`);
  return s;
}

const VIEWBOX = /viewBox="([^"]+)"/;
function viewBox(svg) {
  return svg.match(VIEWBOX)[1].split(" ").map(Number);
}

/** The SVG's elements, without the <svg> root. */
function inner(svg) {
  const start = svg.indexOf(">") + 1;
  return svg.slice(start, svg.lastIndexOf("</svg>"));
}

/** usvg's simplified form of an SVG: letters as paths, plain attributes, the same units. */
function flatten(svg) {
  const r = new Resvg(svg, {
    font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: "Arimo" },
  });
  const out = r.toString();
  const body = inner(out)
    .replace(/<defs\/>/g, "")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l)
    .join("");
  if (/\sid="/.test(body)) throw new Error("a symbol needs ids (would clash in the export)");
  return body;
}

function round(n) {
  return Math.round(n * 1000) / 1000;
}

function sidcOf(identity, set, hq, echelon, code) {
  return `100${identity}${set}0${hq}${echelon}${code}0000`;
}

function writeIfChanged(file, text) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (fs.existsSync(file) && Buffer.compare(fs.readFileSync(file), Buffer.from(text)) === 0) return;
  fs.writeFileSync(file, text);
}

// 1. One SVG per entity and identity.
const svgDir = path.join(OUT, "svg");
fs.rmSync(svgDir, { recursive: true, force: true });
fs.mkdirSync(svgDir, { recursive: true });
const entities = [];
const symbols = {};
const embedded = [];
for (const [set, code, name, words] of ENTITIES) {
  const table = SETS[set].table;
  entities.push({
    set,
    code,
    name,
    path: entityPath(table, code),
    keywords: words,
  });
  for (const identity of Object.keys(IDENTITIES)) {
    const sidc = sidcOf(identity, set, 0, "00", code);
    const raw = symbol(sidc).asSVG();
    const vb = viewBox(raw).map(round);
    const body = flatten(raw);
    const file = `${sidc}.svg`;
    fs.writeFileSync(
      path.join(svgDir, file),
      `<svg xmlns="http://www.w3.org/2000/svg" width="${vb[2]}" height="${vb[3]}" viewBox="${vb.join(" ")}">${body}</svg>\n`,
    );
    symbols[sidc] = vb;
    embedded.push(sidc);
  }
}

// 2. Amplifiers of land units: what an echelon and a headquarters staff or task force bracket add
// to each frame, as milsymbol places them, with the symbol's new anchor (a headquarters stands
// on the foot of its staff).
const amplifiers = [];
for (const identity of Object.keys(IDENTITIES)) {
  const plain = symbol(sidcOf(identity, "10", 0, "00", "000000"));
  const plainBody = inner(plain.asSVG());
  for (const hq of Object.keys(HQ_TF)) {
    for (const echelon of Object.keys(ECHELONS)) {
      if (hq === "0" && echelon === "00") continue;
      const s = symbol(sidcOf(identity, "10", hq, echelon, "000000"));
      const svg = s.asSVG();
      const body = inner(svg);
      if (!body.startsWith(plainBody)) {
        throw new Error(`amplifier ${identity}/${hq}/${echelon} changes the frame`);
      }
      const vb = viewBox(svg).map(round);
      const extra = body.slice(plainBody.length);
      const anchor = s.getAnchor();
      amplifiers.push({
        identity,
        hq,
        echelon,
        view_box: vb,
        anchor: [round(vb[0] + anchor.x), round(vb[1] + anchor.y)],
        body: flatten(`<svg xmlns="http://www.w3.org/2000/svg" width="${vb[2]}" height="${vb[3]}" viewBox="${vb.join(" ")}">${extra}</svg>`),
      });
    }
  }
}

const catalogue = {
  generator: "tools/build-symbols/build.mjs: milsymbol 3.0.4 (APP-6 D), names from stanag-app6 0.2.0",
  identities: IDENTITIES,
  sets: Object.fromEntries(Object.entries(SETS).map(([k, v]) => [k, v.name])),
  echelons: ECHELONS,
  hq_tf: HQ_TF,
  entities,
  symbols,
  amplifiers,
};
writeIfChanged(path.join(OUT, "catalogue.json"), `${JSON.stringify(catalogue, null, 1)}\n`);

const table = embedded
  .map(
    (sidc) =>
      `    ("${sidc}", include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/symbols/svg/${sidc}.svg"))),`,
  )
  .join("\n");
writeIfChanged(
  path.join(OUT, "embedded.rs"),
  `// Generated by tools/build-symbols/build.mjs: do not edit.\n// Every symbol SVG of the catalogue, by its SIDC (no echelon, no headquarters).\n&[\n${table}\n]\n`,
);

// 3. Reference images: milsymbol's own SVG of a whole SIDC, rasterised at 2 px per unit.
const refDir = path.join(ROOT, "tests/data/symbols");
fs.mkdirSync(refDir, { recursive: true });
for (const sidc of REFERENCE_SIDCS) {
  const svg = symbol(sidc).asSVG();
  const vb = viewBox(svg);
  const r = new Resvg(svg, {
    fitTo: { mode: "width", value: Math.round(vb[2] * 2) },
    font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: "Arimo" },
  });
  fs.writeFileSync(path.join(refDir, `${sidc}.png`), r.render().asPng());
  fs.writeFileSync(path.join(refDir, `${sidc}.svg`), `${svg}\n`);
}

// 4. The application icon, in the freedesktop sizes.
const iconSvg = fs.readFileSync(path.join(ROOT, "assets/icon/armistice.svg"), "utf8");
for (const size of [16, 24, 32, 48, 64, 128, 256, 512]) {
  const r = new Resvg(iconSvg, { fitTo: { mode: "width", value: size } });
  fs.writeFileSync(path.join(ROOT, `assets/icon/armistice-${size}.png`), r.render().asPng());
}

const total = embedded.length;
console.log(
  `build-symbols: ${entities.length} entities × ${Object.keys(IDENTITIES).length} identities = ${total} symbols, ${amplifiers.length} amplifiers, ${REFERENCE_SIDCS.length} reference images`,
);
