// Country groups: the built-in ones (GET /api/groups: EU27, CHIP4, QUAD, G7, ...) and groups the
// user defines (NAME = codes), kept in this browser and in the coalition view's URL
// (#coalition?groups=MYBLOC:USA+JPN+NLD) so that a shared link carries them.
import { getJSON } from "./api.js";
import { explorerUrls } from "./boot.js";
import { countryName, t } from "./i18n.js";

const KEY = "chipshock-groups";
let builtin = null;

//: the groups shown first (the others follow in the file's order)
const FIRST = ["EU27", "CHIP4", "QUAD", "G7"];

export async function builtinGroups() {
  if (!builtin) {
    builtin = getJSON(explorerUrls.groups).then((body) => {
      // a group that is also a provider of the data (EUR, with rows of its own that no member
      // holds): picking it picks its own code too, as the API counts it when asked for EUR
      const regions = new Set((body.regions || []).map((r) => r.code));
      const rows = body.rows.map((r) => ({
        code: r.group_code, members: r.members_with_data, all: r.members,
        picks: regions.has(r.group_code) ? [...r.members_with_data, r.group_code] : r.members_with_data,
      }));
      return [...FIRST.map((c) => rows.find((r) => r.code === c)).filter(Boolean), ...rows.filter((r) => !FIRST.includes(r.code))];
    });
  }
  return builtin;
}

// A group's name with its membership, and how many members the supply-chain data has where
// that is fewer ("QUAD (4 members, 2 with data)"): what a group selects is the members with data.
export function groupLabel(g) {
  const all = (g.all || g.members).length, n = g.members.length;
  // a region that is also a group (EUR, ROW ...) by its name in Japanese: 欧州（加盟27か国）
  return t(n === all ? "exp_group_option" : "exp_group_option_partial", { g: countryName(g.code), all, n });
}

export function userGroups() {
  try { return JSON.parse(localStorage.getItem(KEY) || "{}"); } catch { return {}; }
}

export function saveUserGroups(groups) {
  localStorage.setItem(KEY, JSON.stringify(groups));
}

// "MYBLOC:USA+JPN;EAST:KOR+TWN" <-> {MYBLOC: ["USA", "JPN"], ...}
export const groupsToParam = (groups) => Object.entries(groups).map(([k, v]) => `${k}:${v.join("+")}`).join(";");
export function groupsFromParam(text) {
  const out = {};
  for (const part of (text || "").split(";")) {
    const [name, codes] = part.split(":");
    if (name && codes) out[name.trim().toUpperCase()] = codes.split("+").map((c) => c.trim().toUpperCase()).filter(Boolean);
  }
  return out;
}

// Member country codes of a code: a group's members, else the code itself.
export async function membersOf(code) {
  const user = userGroups();
  if (user[code]) return user[code];
  const g = (await builtinGroups()).find((r) => r.code === code);
  return g ? g.members : [code];
}
