// Pure helpers of ui.js (text size, palette, offline wording) and article-nav.js.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const ui = require("../../overrides/assets/sotay/ui.js");
const nav = require("../../overrides/assets/sotay/article-nav.js");

test("text size steps clamp and default", () => {
  assert.equal(ui.textStep(null), 1);
  assert.equal(ui.textStep("junk"), 1);
  assert.equal(ui.textStep("9"), ui.TEXT_STEPS.length - 1);
  assert.equal(ui.textStep("-3"), 0);
  assert.equal(ui.nextTextStep(null, 1), 2);
  assert.equal(ui.nextTextStep("0", -1), 0);
  assert.equal(ui.nextTextStep("4", 1), 4);
});

test("palette: stored index wins, else the matching media, else the first", () => {
  assert.equal(ui.paletteIndex({ index: 1 }, [true, false]), 1);
  assert.equal(ui.paletteIndex({ index: 7 }, [false, true]), 1);
  assert.equal(ui.paletteIndex(null, [false, true]), 1);
  assert.equal(ui.paletteIndex(null, [false, false]), 0);
});

test("offline wording is Vietnamese with a decimal comma", () => {
  assert.equal(ui.megabytes(8.4 * 1024 * 1024), "8,4 MB");
  assert.equal(ui.megabytes(25 * 1024 * 1024), "25 MB");
  assert.equal(ui.progressText(12, 240), "Đang tải 12/240 tệp (5%)");
  assert.equal(ui.progressText(0, 0), "Đang tải 0/0 tệp (100%)");
});

test("offline offer: the whole handbook, or the shared part with the reader's commune", () => {
  const mb = 1024 * 1024;
  assert.equal(ui.offerText({ bytes: 8.4 * mb }), "Tải toàn bộ để đọc offline (khoảng 8,4 MB, một lần).");
  assert.equal(
    ui.offerText({ bytes: 30 * mb, hasUnits: true, unitName: "Đảng ủy xã An Hà" }),
    "Tải phần chung và Đảng ủy xã An Hà để đọc offline (khoảng 30 MB, một lần)."
  );
  assert.match(ui.offerText({ bytes: 25 * mb, hasUnits: true, unitName: null }), /^Tải phần chung \(.*\(khoảng 25 MB/);
  assert.equal(ui.doneText(null), "Đã tải xong: sổ tay đọc được cả khi không có mạng.");
  assert.match(ui.doneText("Đảng ủy xã An Hà"), /^Đã tải xong phần chung và Đảng ủy xã An Hà/);
});

test("current article: last heading at or above the line", () => {
  const tops = [100, 500, 900];
  assert.equal(nav.currentArticle(tops, 50), -1);
  assert.equal(nav.currentArticle(tops, 100), 0);
  assert.equal(nav.currentArticle(tops, 899), 1);
  assert.equal(nav.currentArticle(tops, 5000), 2);
  assert.equal(nav.currentArticle([], 10), -1);
});

test("article label", () => {
  assert.equal(nav.articleLabel("Điều 12. Chế độ hội nghị"), "Điều 12");
  assert.equal(nav.articleLabel("  Điều  5a. X"), "Điều 5a");
  assert.equal(nav.articleLabel("Chương II"), "đầu mục");
});

test("printing opens every closed <details> and closes the same ones afterwards", () => {
  const items = [{ open: false }, { open: true }, { open: false }];
  const restore = ui.openAllDetails(items);
  assert.deepEqual(items.map((d) => d.open), [true, true, true]);
  restore();
  assert.deepEqual(items.map((d) => d.open), [false, true, false]);
});
