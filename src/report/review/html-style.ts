/**
 * The review page's styles: the catalog page's palette and type (system fonts only), a chart palette that holds its
 * contrast on both backgrounds (series s1…s6), light and dark from the reader's setting, and print on A4 with each
 * section from a new page and no chart split across pages. Nothing here loads anything.
 */
export const REVIEW_STYLE = `
:root{color-scheme:light dark;--fg:#1f2328;--muted:#59636e;--bg:#fff;--line:#d1d9e0;--grid:#e6eaef;--accent:#0969da;--soft:#f6f8fa;
--s1:#0a64c8;--s2:#c2570c;--s3:#1a7f5a;--s4:#b42387;--s5:#6b4fbb;--s6:#7a6a00;
--ok:#1a7f37;--miss:#cf222e;
--b-achieved-bg:#dafbe1;--b-achieved:#116329;--b-track-bg:#ddf4ff;--b-track:#0550ae;--b-overdue-bg:#fff1e5;--b-overdue:#953800;
--b-missed-bg:#ffebe9;--b-missed:#a40e26;--b-none-bg:#eff2f5;--b-none:#424a53}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#9198a1;--bg:#0d1117;--line:#3d444d;--grid:#262c36;--accent:#4493f8;--soft:#151b23;
--s1:#58a6ff;--s2:#f0883e;--s3:#3fb950;--s4:#e275c4;--s5:#a58bf5;--s6:#d4c04a;
--ok:#3fb950;--miss:#ff7b72;
--b-achieved-bg:#12361f;--b-achieved:#7ee2a0;--b-track-bg:#0c2d4d;--b-track:#9cd1ff;--b-overdue-bg:#3d2410;--b-overdue:#ffb77c;
--b-missed-bg:#4a1518;--b-missed:#ffaba8;--b-none-bg:#262c36;--b-none:#c9d1d9}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0 auto;max-width:78rem;padding:1.5rem;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--fg);background:var(--bg)}
a{color:var(--accent)}
code,.id{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.88em}
.id{color:var(--muted)}
.skip{position:absolute;left:-999px}
.skip:focus{left:1rem;top:1rem;background:var(--bg);padding:.3rem .6rem;z-index:2}
.visually-hidden{position:absolute!important;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);clip-path:inset(50%);white-space:nowrap}
.page-header .organisation{margin:0;font-weight:600;color:var(--muted);text-transform:uppercase;letter-spacing:.04em;font-size:.85em}
h1{margin:.1rem 0 .4rem;font-size:1.9rem;line-height:1.2}
.meta{margin:.2rem 0;color:var(--muted)}
h2{border-bottom:1px solid var(--line);padding-bottom:.3rem;margin:2.5rem 0 1rem;font-size:1.45rem}
h3{margin:1.5rem 0 .6rem;font-size:1.1rem}
.toc ul{list-style:none;padding:0;margin:1rem 0 0;display:flex;flex-wrap:wrap;gap:.3rem 1rem;font-size:.95em}
.cards{list-style:none;padding:0;margin:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,14rem),1fr));gap:.75rem}
.card{border:1px solid var(--line);border-radius:8px;padding:.75rem 1rem;background:var(--soft)}
.card h3{margin:0;font-size:.9rem;font-weight:600;color:var(--muted)}
.card .value{margin:.1rem 0 .2rem;font-size:1.7rem;font-weight:650;font-variant-numeric:tabular-nums}
.card .changes{list-style:none;padding:0;margin:0;font-size:.85em;color:var(--muted)}
.card-note{margin:.2rem 0 0;font-size:.85em;color:var(--muted)}
.arrow{font-size:.8em}
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,28rem),1fr));gap:1rem 1.5rem;margin:1rem 0}
figure{margin:0;min-width:0}
figcaption{font-weight:600;margin-bottom:.3rem}
.chart-note{margin:.2rem 0;font-size:.85em;color:var(--muted)}
details{margin:.3rem 0 .5rem;font-size:.9em}
summary{cursor:pointer;color:var(--accent)}
svg.chart{display:block;width:100%;max-width:36rem;height:auto;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;overflow:visible}
svg.chart text{fill:var(--fg)}
svg.chart .axis text{fill:var(--muted)}
svg.chart .axis .axis-title{fill:var(--fg);font-weight:600}
svg.chart .axis line{stroke:var(--muted)}
svg.chart .axis line.grid{stroke:var(--grid)}
svg.chart .axis line.baseline{stroke:var(--fg)}
svg.chart .total{font-size:11px;fill:var(--muted)}
svg.chart .line{fill:none;stroke-width:2.2;stroke-linejoin:round}
svg.chart .point{stroke-width:2}
svg.chart .point.few{fill:var(--bg)!important}
svg.chart line.reference,svg.chart .legend-item.reference line{stroke:var(--miss);stroke-width:1.6;stroke-dasharray:6 4}
svg.chart .legend-item line{stroke-width:2.2}
svg.chart .legend-item text{fill:var(--fg);stroke:none}
svg.chart line.zero{stroke-width:2.5}
.s1{fill:var(--s1);stroke:var(--s1)}.s2{fill:var(--s2);stroke:var(--s2)}.s3{fill:var(--s3);stroke:var(--s3)}
.s4{fill:var(--s4);stroke:var(--s4)}.s5{fill:var(--s5);stroke:var(--s5)}.s6{fill:var(--s6);stroke:var(--s6)}
svg.chart rect.bar{stroke:none}
svg.chart .legend-item rect{stroke:none}
.table-wrap{position:relative;overflow-x:auto;max-width:100%;margin:.5rem 0 1rem}
.table-wrap:focus{outline:2px solid var(--accent);outline-offset:2px}
.table-wrap tbody th[scope=row],.table-wrap thead th:first-child{position:sticky;left:0;z-index:1;background:var(--bg);box-shadow:inset -1px 0 var(--line)}
.table-wrap thead th:first-child{background:var(--soft)}
tr.group th{background:var(--soft);font-weight:600;font-size:.95em}
tr.group th span{position:sticky;left:.6rem}
.budget{font-size:.8em;color:var(--muted);white-space:nowrap}
.availability .progress{width:2.5rem}
@media (min-width:40rem){.compliance tbody th[scope=row]{white-space:nowrap}}
.progress.over span{background:var(--miss)}
table{border-collapse:collapse;font-size:.9em;font-variant-numeric:tabular-nums}
.table-title{font-weight:600;font-size:.9em;margin:1rem 0 .3rem}
.oldest td:nth-child(2){min-width:12rem}
th,td{border:1px solid var(--line);padding:.25rem .6rem;text-align:left;vertical-align:top}
thead th{background:var(--soft);white-space:nowrap}
tbody th{font-weight:400}
.num{text-align:right;white-space:nowrap}
.ok{color:var(--ok)}
.miss{color:var(--miss);font-weight:600}
.few{font-size:.75em;font-weight:600;color:var(--muted);border:1px solid var(--line);border-radius:4px;padding:0 .25em;margin-left:.2em;text-decoration:none;white-space:nowrap}
.badge{display:inline-block;white-space:nowrap;border-radius:999px;padding:0 .6em;font-size:.85em;font-weight:600;border:1px solid currentColor}
.verdict-achieved{background:var(--b-achieved-bg);color:var(--b-achieved)}
.verdict-on-track{background:var(--b-track-bg);color:var(--b-track)}
.verdict-overdue{background:var(--b-overdue-bg);color:var(--b-overdue)}
.verdict-missed{background:var(--b-missed-bg);color:var(--b-missed)}
.verdict-no-data{background:var(--b-none-bg);color:var(--b-none)}
.progress{display:inline-block;width:3.5rem;height:.55rem;border:1px solid var(--line);border-radius:3px;vertical-align:middle;overflow:hidden}
.progress span{display:block;height:100%;background:var(--accent)}
.trend,td time{white-space:nowrap}
.trend-rising{color:var(--miss)}
footer{margin-top:3rem;color:var(--muted);font-size:.9em;border-top:1px solid var(--line);padding-top:.5rem}
@media (max-width:40rem){body{padding:.75rem}h1{font-size:1.5rem}.card .value{font-size:1.4rem}.table-wrap tbody th[scope=row]{max-width:45vw}}
@page{size:A4;margin:14mm 12mm}
@media print{
body{max-width:none;padding:0;font-size:10.5pt}
.skip,.toc,details{display:none}
main>section{break-before:page}
main>section#glance{break-before:auto}
figure,.card,tr{break-inside:avoid}
h2,h3,caption{break-after:avoid}
.table-wrap{overflow:visible}
.charts{grid-template-columns:1fr 1fr}
a{color:inherit;text-decoration:none}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
`;
