// Unit tests for overrides/assets/sotay/search-core.js (run: node --test tests/js/)
import test from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";

const core = createRequire(import.meta.url)("../../overrides/assets/sotay/search-core.js");

// Fixture only: the real table is generated from data/roles.yml and data/bodies.yml.
const ALIASES = core.prepareAliases({
  BTV: ["Ban Thường vụ Đảng ủy", "Ban Thường vụ"],
  PBT: "Phó Bí thư",
  ĐUV: "Đảng ủy viên",
  UBKT: ["Ủy ban Kiểm tra Đảng ủy", "Ủy ban Kiểm tra"],
  HĐND: "Hội đồng nhân dân",
});

// A Pagefind fragment as result.data() returns it (content, anchors with word locations).
function fragment(url, title, clauses) {
  const anchors = [];
  let content = title + ".";
  for (const [id, element, text] of clauses) {
    anchors.push({ element, id, text, location: content.split(/[\r\n\s]+/g).length });
    content += " " + text;
  }
  return { url, meta: { title, document: title }, content, anchors };
}

const LAM_VIEC = fragment("/van-ban/quy-che-lam-viec.html", "Quy chế làm việc của Đảng ủy", [
  ["dieu-6", "h2", "Điều 6. Nhiệm vụ, quyền hạn của Bí thư Đảng ủy."],
  ["dieu-6-khoan-1", "p", "1. Phó Chủ tịch thường xuyên báo cáo Bí thư; trực tiếp trao đổi."],
  ["dieu-7", "h2", "Điều 7. Nhiệm vụ của Phó Bí thư Thường trực."],
  ["dieu-7-khoan-1", "p", "1. Phó Bí thư Thường trực giúp Bí thư điều hành công việc."],
  ["dieu-7-khoan-2", "p", "2. Chỉ đạo việc điều động cán bộ."],
  ["dieu-8-khoan-1", "p", "1. Ban Thường vụ Đảng ủy họp định kỳ."],
  ["dieu-9-khoan-2-diem-dd", "p", "đ) Đảng ủy viên dự sinh hoạt chi bộ."],
]);

test("fold strips tones and maps đ to d, whatever the normal form", () => {
  assert.equal(core.fold("Đảng ủy"), "dang uy");
  assert.equal(core.fold("Đảng ủy".normalize("NFD")), "dang uy");
  assert.equal(core.fold("PHÓ BÍ THƯ THƯỜNG TRỰC"), "pho bi thu thuong truc");
  assert.equal(core.foldWord("ủy,"), "uy");
});

test("normalizeQuery gives the same NFC text for NFC and NFD input", () => {
  const nfc = "Bí thư chi bộ";
  assert.equal(core.normalizeQuery(nfc.normalize("NFD")), "bí thư chi bộ");
  assert.equal(core.normalizeQuery("  Đảng   ủy!? "), "đảng ủy");
});

test("a word typed with d is also searched with đ", () => {
  const plan = core.planQuery("dang uy", ALIASES);
  assert.deepEqual(plan.searches, ["dang uy", "đang uy"]);
  assert.deepEqual(plan.phrases, [{ words: ["dang", "uy"], weight: 1 }]);
});

test("several d-words give a bounded number of searches, typed form and all-đ first", () => {
  const plan = core.planQuery("dieu dong dang vien", ALIASES, { maxSearches: 4 });
  assert.equal(plan.searches.length, 4);
  assert.equal(plan.searches[0], "dieu dong dang vien");
  assert.equal(plan.searches[1], "đieu đong đang vien");
});

test("words already typed with đ and ascii abbreviations are not varied", () => {
  assert.deepEqual(core.planQuery("đảng ủy").searches, ["đảng ủy"]);
  assert.deepEqual(core.planQuery("d").searches, ["d"]);
});

test("aliases expand to their names; every name is a phrase", () => {
  const plan = core.planQuery("BTV", ALIASES);
  // "ban thường vụ đảng ủy" can only find a subset of "ban thường vụ": not searched, still a phrase
  assert.deepEqual(plan.searches, ["ban thường vụ", "btv"]);
  assert.deepEqual(plan.phrases[0], { words: ["ban", "thuong", "vu", "dang", "uy"], weight: 1 });
  assert.ok(plan.terms.includes("vu"));
});

test("alias keys match without diacritics and inside longer queries", () => {
  const plan = core.planQuery("nhiem vu duv", ALIASES);
  assert.ok(plan.searches.includes("nhiem vu đảng ủy viên"));
  assert.ok(plan.phrases.some((p) => p.words.join(" ") === "nhiem vu dang uy vien"));
});

test("clause labels come from the anchor ids", () => {
  assert.equal(core.clauseLabel("dieu-6"), "Điều 6");
  assert.equal(core.clauseLabel("dieu-6-khoan-3"), "Điều 6, khoản 3");
  assert.equal(core.clauseLabel("dieu-4-khoan-2-1"), "Điều 4, khoản 2.1");
  assert.equal(core.clauseLabel("dieu-6-khoan-3-diem-a"), "Điều 6, khoản 3, điểm a");
  assert.equal(core.clauseLabel("dieu-9-khoan-2-diem-dd"), "Điều 9, khoản 2, điểm đ");
  assert.equal(core.clauseLabel("nhiem-vu"), null);
});

test("the clause holding the whole phrase ranks above scattered words", () => {
  const plan = core.planQuery("pho bi thu thuong truc", ALIASES);
  const hits = core.rankResults([{ ...LAM_VIEC, rank: 0 }], plan, { root: "../" });
  assert.equal(hits[0].anchor, "dieu-7");
  assert.equal(hits[1].anchor, "dieu-7-khoan-1");
  assert.ok(hits.findIndex((h) => h.anchor === "dieu-6-khoan-1") > 1);
  assert.equal(hits[0].href, "../van-ban/quy-che-lam-viec.html#dieu-7");
});

test("a phrase on a lower-ranked Pagefind page still wins", () => {
  const other = fragment("/khac.html", "Trang khác", [
    ["dieu-1-khoan-1", "p", "1. Bí thư và Phó Chủ tịch thường trực tiếp dân; Phó Bí thư thường xuyên."],
  ]);
  const plan = core.planQuery("phó bí thư thường trực");
  const hits = core.rankResults([{ ...other, rank: 0 }, { ...LAM_VIEC, rank: 1 }], plan);
  assert.equal(hits[0].anchor, "dieu-7");
});

test("alias query ranks the clause with the full name first", () => {
  const plan = core.planQuery("btv", ALIASES);
  const hits = core.rankResults([{ ...LAM_VIEC, rank: 0 }], plan);
  assert.equal(hits[0].anchor, "dieu-8-khoan-1");
  assert.equal(hits[0].label, "Điều 8, khoản 1");
});

test("excerpts mark folded matches, including đ typed as d", () => {
  const plan = core.planQuery("dang uy vien", ALIASES);
  const hits = core.rankResults([{ ...LAM_VIEC, rank: 0 }], plan);
  assert.equal(hits[0].anchor, "dieu-9-khoan-2-diem-dd");
  const marked = hits[0].parts.filter((p) => p.mark).map((p) => p.text);
  assert.deepEqual(marked, ["Đảng", "ủy", "viên"]);
  assert.equal(hits[0].parts.map((p) => p.text).join(""), "đ) Đảng ủy viên dự sinh hoạt chi bộ.");
});

test("the last typed word matches as a prefix (typing in progress)", () => {
  const plan = core.planQuery("dieu do");
  const hits = core.rankResults([{ ...LAM_VIEC, rank: 0 }], plan);
  assert.equal(hits[0].anchor, "dieu-7-khoan-2");
});

test("resultHref makes Pagefind's root-relative URLs relative to the page", () => {
  assert.equal(core.resultHref("/van-ban/a.html", "dieu-1", "../"), "../van-ban/a.html#dieu-1");
  assert.equal(core.resultHref("/index.html", null, ""), "index.html");
  assert.equal(core.resultHref("/a.html#x", "dieu-2", "./"), "./a.html#dieu-2");
});

test("mergeResultLists keeps one entry per page with its best rank", () => {
  const merged = core.mergeResultLists([
    [{ id: "a", score: 2 }, { id: "b", score: 1 }],
    [{ id: "b", score: 5 }, { id: "c", score: 1 }],
  ]);
  assert.deepEqual(merged.map((m) => [m.result.id, m.rank]), [["a", 0], ["b", 0], ["c", 1]]);
});

test("the file loads as a classic script and attaches globalThis.Sotay.searchCore", async () => {
  const vm = await import("node:vm");
  const fs = await import("node:fs");
  const src = fs.readFileSync(new URL("../../overrides/assets/sotay/search-core.js", import.meta.url), "utf8");
  const ctx = vm.createContext({});
  vm.runInContext(src, ctx);
  assert.equal(vm.runInContext("Sotay.searchCore.fold('Đảng')", ctx), "dang");
});

test("a Điều whose title holds the phrase beats a clause that mentions it", () => {
  const page = fragment("/qc.html", "Quy chế", [
    ["dieu-3", "h2", "Điều 3. Nhiệm vụ của Thường trực Đảng ủy."],
    ["dieu-3-khoan-1", "p", "1. Thường trực gồm Bí thư, Phó Bí thư Thường trực và Ủy viên."],
    ["dieu-7", "h2", "Điều 7. Nhiệm vụ, quyền hạn của Phó Bí thư Thường trực Đảng ủy."],
    ["dieu-7-khoan-1", "p", "1. Giúp Bí thư điều hành công việc."],
  ]);
  const hits = core.rankResults([{ ...page, rank: 0 }], core.planQuery("pho bi thu thuong truc"));
  assert.equal(hits[0].anchor, "dieu-7");
  assert.equal(hits[1].anchor, "dieu-3-khoan-1");
});

test("a query naming a clause finds that clause", () => {
  assert.equal(core.clauseRef(core.planQuery("dieu 6").typed.map(core.fold)), "dieu-6");
  assert.equal(core.planQuery("Điều 6 khoản 3").ref, "dieu-6-khoan-3");
  assert.equal(core.planQuery("dieu 9 khoan 2 diem dd").ref, "dieu-9-khoan-2-diem-dd");
  assert.equal(core.planQuery("bi thu").ref, null);
  const hits = core.rankResults([{ ...LAM_VIEC, rank: 0 }], core.planQuery("dieu 7 khoan 2"));
  assert.equal(hits[0].anchor, "dieu-7-khoan-2");
});

test("a clause excerpt stays inside the clause", () => {
  const hits = core.rankResults([{ ...LAM_VIEC, rank: 0 }], core.planQuery("giup bi thu"));
  assert.equal(hits[0].anchor, "dieu-7-khoan-1");
  assert.equal(hits[0].parts.map((p) => p.text).join(""), "1. Phó Bí thư Thường trực giúp Bí thư điều hành công việc.");
});

test("Telex dd is read as đ", () => {
  const plan = core.planQuery("ddang uy vien");
  assert.deepEqual(plan.searches, ["đang uy vien"]);
  assert.deepEqual(plan.phrases[0].words, ["dang", "uy", "vien"]);
});

test("aliases of several words match before single-word ones", () => {
  const aliases = core.prepareAliases({
    "PBT TT": ["Phó Bí thư Thường trực Đảng ủy", "Phó Bí thư Thường trực"],
    PBT: "Phó Bí thư",
    "Ủy viên BTV": "Ủy viên Ban Thường vụ",
  });
  const plan = core.planQuery("nhiem vu pbt tt", aliases);
  assert.ok(plan.searches.includes("nhiem vu phó bí thư thường trực"));
  assert.equal(core.planQuery("pbt", aliases).searches[0], "phó bí thư");
  assert.equal(core.planQuery("uy vien btv", aliases).searches[0], "ủy viên ban thường vụ");
});

test("a multi-word alias is a synonym: the phrase as typed ranks first", () => {
  const aliases = core.prepareAliases({ "ban chấp hành": ["Ban Chấp hành Đảng bộ", "Đảng ủy"] });
  const plan = core.planQuery("ban chap hanh", aliases);
  assert.equal(plan.searches[plan.searches.length - 1], "ban chap hanh");
  assert.ok(plan.searches.includes("đảng ủy"));
  const hits = core.rankResults([{ ...LAM_VIEC, rank: 0 }], plan);
  assert.notEqual(hits[0].anchor, "dieu-9-khoan-2-diem-dd"); // "Đảng ủy viên" only has the synonym
  const page = fragment("/p.html", "P", [
    ["dieu-1-khoan-1", "p", "1. Đảng ủy họp thường kỳ."],
    ["dieu-1-khoan-2", "p", "2. Ban Chấp hành họp bất thường."],
  ]);
  const ranked = core.rankResults([{ ...page, rank: 0 }], plan);
  assert.deepEqual(ranked.map((h) => h.anchor), ["dieu-1-khoan-2", "dieu-1-khoan-1"]);
});

test("a search holding every word of another is dropped", () => {
  assert.deepEqual(core.dropSupersets(["hđnd xã", "hội đồng nhân dân xã", "hđnd"]), ["hội đồng nhân dân xã", "hđnd"]);
  assert.deepEqual(core.dropSupersets(["a b", "b c"]), ["a b", "b c"]);
});

test("with the index's d/đ words, a spelling no indexed word starts with is not searched", () => {
  const dWords = ["dan", "danh", "đang", "đieu", "đong", "du"];
  assert.deepEqual(core.planQuery("dang uy", ALIASES, { dWords }).searches, ["đang uy"]);
  assert.deepEqual(core.planQuery("dan", ALIASES, { dWords }).searches, ["dan", "đan"]); // prefix of "danh", "đang"
  assert.deepEqual(core.planQuery("dieu dong", ALIASES, { dWords }).searches, ["đieu đong"]);
  assert.deepEqual(core.planQuery("du", ALIASES, { dWords }).searches, ["du"]);
  // a word found nowhere keeps its typed form (no results rather than a guess)
  assert.deepEqual(core.planQuery("dzzz", ALIASES, { dWords }).searches, ["dzzz"]);
  assert.equal(core.toneFold("Đảng"), "đang");
});

test("a record of a document names its page: results link to the page, with the clause anchor", () => {
  assert.equal(core.pageUrl({ url: "/van-ban/qc/003.html", meta: { page: "van-ban/qc.html" } }), "/van-ban/qc.html");
  assert.equal(core.pageUrl({ url: "/vai-tro/bi-thu.html", raw_url: "/vai-tro/bi-thu.html", meta: {} }), "/vai-tro/bi-thu.html");
});

test("the page title (h1) links to the top of the page, not to its sentence-long slug", () => {
  const page = fragment("/van-ban/qd.html", "Quyết định", [
    ["quyet-dinh-ban-hanh-quy-che-phoi-hop-giua-dang-uy-cong-an-tinh", "h1", "Quyết định ban hành quy chế phối hợp"],
  ]);
  const hits = core.rankResults([{ ...page, rank: 0 }], core.planQuery("quyet dinh ban hanh"));
  assert.equal(hits[0].href, "van-ban/qd.html");
});

test("a regulation's clause outranks a page quoting it as well", () => {
  const plan = core.planQuery("hop dinh ky");
  const text = [["x-1", "p", "1. Ban Thường vụ Đảng ủy họp định kỳ."]];
  const role = { ...fragment("/vai-tro/a.html", "A", text), rank: 0, kind: "vai-tro" };
  const doc = { ...fragment("/van-ban/b.html", "B", text.map(([, e, t]) => ["dieu-8-khoan-1", e, t])), rank: 1, kind: "van-ban" };
  assert.equal(core.rankResults([role, doc], plan)[0].href, "van-ban/b.html#dieu-8-khoan-1");
});

test("candidates: the best records, with the first documents kept in the pool", () => {
  const r = (id) => ({ rank: 0, result: { id } });
  const all = ["a", "b", "c", "d"].map(r);
  const docs = [r("x"), all[2], r("y")];
  const picked = core.pickCandidates(all, docs, 3, 2).map((m) => m.result.id);
  assert.deepEqual(picked.sort(), ["a", "c", "x"]);
});

test("pre-ranking puts records with the query's words side by side in their title first", () => {
  const scattered = { id: "s", words: [3, 9, 15, 40] };
  const inBody = { id: "b", words: [60, 61, 62, 63] };
  const inTitle = { id: "t", words: [5, 6, 7, 8] };
  assert.deepEqual(core.preRank([scattered, inBody, inTitle], 4).map((x) => x.id), ["t", "b", "s"]);
  assert.equal(core.longestRun([8, 6, 7, 7, 20]), 3);
  assert.equal(core.titleHits([inTitle, inBody, scattered], 4), 1);
});

test("typed words are searched first; the alias names follow", () => {
  const plan = core.planQuery("ubkt", ALIASES);
  assert.deepEqual(plan.firstSearches, ["ubkt"]);
  assert.ok(plan.searches.includes("ủy ban kiểm tra"));
});

test("a query mixing a typed name and an abbreviation is also read with only the abbreviation expanded", () => {
  const aliases = core.prepareAliases({
    "ban cán sự đảng": ["Các đảng đoàn, ban cán sự đảng", "Ban cán sự đảng"],
    "ubnd tỉnh": ["Ủy ban nhân dân tỉnh", "UBND tỉnh"],
  });
  const plan = core.planQuery("ban can su dang ubnd tinh", aliases);
  assert.ok(plan.searches.some((s) => s.startsWith("ban can su") && s.endsWith("ủy ban nhân dân tỉnh")));
  assert.ok(plan.phrases.some((p) => p.words.join(" ") === "ban can su dang uy ban nhan dan tinh" && p.weight === 1));
});

test("the label 'Điều N.' of a clause does not match the word dieu of a query", () => {
  const page = fragment("/van-ban/a.html", "A", [
    ["dieu-16", "h3", "Điều 16. Chế độ đi công tác cơ sở, tiếp xúc với cán bộ"],
    ["dieu-2-khoan-4", "p", "4. Quyết định việc điều động cán bộ."],
  ]);
  const hits = core.rankResults([{ ...page, rank: 0 }], core.planQuery("dieu dong can bo"));
  assert.equal(hits[0].anchor, "dieu-2-khoan-4");
});

test("searchFilters: page type and unit combine; the shared pages are always in a unit's search", () => {
  assert.equal(core.searchFilters("", ""), null);
  assert.equal(core.searchFilters("", null), null);
  assert.deepEqual(core.searchFilters("van-ban", ""), { "loai-trang": "van-ban" });
  assert.deepEqual(core.searchFilters("", "chung"), { "don-vi": "chung" });
  assert.deepEqual(core.searchFilters("", "dang-uy-xa-an-ha"), { "don-vi": { any: ["chung", "dang-uy-xa-an-ha"] } });
  assert.deepEqual(core.searchFilters("vai-tro", "dang-uy-xa-an-ha"), {
    "loai-trang": "vai-tro",
    "don-vi": { any: ["chung", "dang-uy-xa-an-ha"] },
  });
});

test("a role named without Phó ranks its own clause above the deputy's", () => {
  const doc = fragment("/van-ban/qc.html", "Quy chế làm việc", [
    ["dieu-7", "h3", "Điều 7. Nhiệm vụ, quyền hạn của Phó Bí thư Thường trực Đảng ủy."],
    ["dieu-7-khoan-1", "p", "1. Phó Bí thư Thường trực Đảng ủy giúp Bí thư, Phó Bí thư điều hành."],
    ["dieu-6", "h3", "Điều 6. Nhiệm vụ, quyền hạn của Bí thư Đảng ủy."],
    ["dieu-6-khoan-1", "p", "1. Lãnh đạo toàn diện, chủ trì các hội nghị."],
  ]);
  const hits = core.rankResults([{ ...doc, kind: "van-ban", rank: 0 }], core.planQuery("bi thu", ALIASES));
  assert.equal(hits[0].anchor, "dieu-6");
  const deputy = core.rankResults([{ ...doc, kind: "van-ban", rank: 0 }], core.planQuery("pho bi thu", ALIASES));
  assert.equal(deputy[0].anchor, "dieu-7");
});
