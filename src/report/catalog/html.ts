import type { Catalog, CatalogAgreement, CatalogCalendar, CatalogService, CalendarRef, ServiceRef } from '../../catalog/model.js';
import { dayHoursWords, formatPercent, listWords } from '../../catalog/words.js';
import {
  CALENDARS_INTRO,
  CALENDARS_TITLE,
  DEPENDENCIES_TITLE,
  GENERATED_BY,
  agreementKind,
  audienceSummary,
  availabilityFacts,
  costTotal,
  intro,
  prioritiesSummary,
  sectionIntro,
  sectionTitle,
  serviceTypeWords,
  servicesSummary,
  title,
  type CatalogFormatOptions,
} from './shared.js';
import { escapeHtml as esc, svgGraph } from './svg-graph.js';

/**
 * `catalog export --format html`: the same catalog as the Markdown, as one self-contained page to open from a file or
 * host anywhere. No external assets: the styles and the search script are inline, the dependency graph is inline SVG,
 * and a Content-Security-Policy forbids the page from loading anything (so a browser proves it does not). Works
 * without JavaScript; with it, a search box filters the services as you type.
 *
 * Element ids are stable: `service-<id>` and `calendar-<id>` (ids are letters, digits, `.`, `_` and `-`, all valid in
 * HTML ids and URL fragments), `category-<n>` in category order, and `pipeline`, `retired`, `dependencies`, `calendars`.
 */
export function formatCatalogHtml(catalog: Catalog, _options: CatalogFormatOptions = {}): string {
  const pageTitle = title(catalog);
  const sectionIds = new Map<Catalog['sections'][number], string>();
  let category = 0;
  for (const section of catalog.sections) sectionIds.set(section, section.lifecycle === 'live' ? `category-${++category}` : section.lifecycle);
  const byId = new Map(catalog.services.map((s) => [s.id, s]));
  const calendars = catalog.calendars.filter((c) => !c.builtIn);
  const shownCalendar = new Set(calendars.map((c) => c.id));

  const facts = [
    fact('Services', esc(servicesSummary(catalog))),
    fact('Audience', esc(audienceSummary(catalog))),
  ];
  const priorities = prioritiesSummary(catalog);
  if (priorities !== null) facts.push(fact('Priorities', esc(priorities)));
  facts.push(fact('Prices', `in ${esc(catalog.organisation.currency)}.`));
  if (catalog.source !== null) {
    facts.push(fact('Source', `commit <code>${esc(catalog.source.commit)}</code>`), fact('Committed', esc(catalog.source.date)));
  }

  const toc: string[] = [];
  for (const section of catalog.sections) {
    toc.push(`<li data-section="${sectionIds.get(section)!}"><a href="#${sectionIds.get(section)!}">${esc(sectionTitle(section))}</a>`, '<ul>');
    for (const id of section.services) toc.push(`<li data-service="service-${esc(id)}"><a href="#service-${esc(id)}">${esc(byId.get(id)!.name)}</a></li>`);
    toc.push('</ul></li>');
  }
  if (catalog.services.length > 0) toc.push(`<li><a href="#dependencies">${esc(DEPENDENCIES_TITLE)}</a></li>`);
  if (calendars.length > 0) toc.push(`<li><a href="#calendars">${esc(CALENDARS_TITLE)}</a></li>`);

  const body: string[] = [];
  for (const section of catalog.sections) {
    body.push(`<section class="services" id="${sectionIds.get(section)!}">`, `<h2>${esc(sectionTitle(section))}</h2>`);
    const text = sectionIntro(section);
    if (text !== null) body.push(`<p>${esc(text)}</p>`);
    for (const id of section.services) body.push(serviceHtml(catalog, byId.get(id)!, section.lifecycle !== 'live', shownCalendar));
    body.push('</section>');
  }
  if (catalog.services.length > 0) {
    body.push('<section id="dependencies">', `<h2>${esc(DEPENDENCIES_TITLE)}</h2>`);
    if (catalog.dependencies.length === 0) body.push('<p>No listed service depends on another.</p>');
    else {
      const note = catalog.services.some((s) => s.lifecycle !== 'live') ? ' Services that are not live have a dashed border.' : '';
      body.push(
        `<p>An arrow points from a service to a service it depends on.${note} Select a service to go to its entry.</p>`,
        `<div class="graph-wrap">${svgGraph(catalog, (id) => `service-${id}`)}</div>`,
      );
    }
    body.push('</section>');
  }
  if (calendars.length > 0) {
    body.push('<section id="calendars">', `<h2>${esc(CALENDARS_TITLE)}</h2>`, `<p>${esc(CALENDARS_INTRO)}</p>`);
    for (const calendar of calendars) body.push(calendarHtml(calendar));
    body.push('</section>');
  }

  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // Nothing may be loaded from anywhere: the page is complete as it is.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">`,
    `<meta name="generator" content="${GENERATED_BY}">`,
    `<title>${esc(pageTitle)}</title>`,
    '<link rel="icon" href="data:,">',
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<header>',
    `<h1>${esc(pageTitle)}</h1>`,
    `<p>${esc(intro(catalog))}</p>`,
    `<ul class="facts">${facts.join('')}</ul>`,
    '<div class="search" hidden>',
    '<label for="search">Search services</label>',
    '<input type="search" id="search" placeholder="name, owner, offering, contact, article…" autocomplete="off">',
    '<span id="search-status" role="status"></span>',
    '</div>',
    '</header>',
    '<nav class="toc" aria-label="Contents">',
    '<h2>Contents</h2>',
    toc.length > 0 ? `<ul>\n${toc.join('\n')}\n</ul>` : '<p>No services are listed.</p>',
    '</nav>',
    '<main>',
    ...body,
    '</main>',
    `<footer><p>Generated by <code>${GENERATED_BY}</code>; edit the repository's YAML files, not this page.</p></footer>`,
    `<script>${SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function fact(label: string, html: string): string {
  return `<li><strong>${esc(label)}:</strong> ${html}</li>`;
}

function serviceLink(ref: ServiceRef): string {
  return ref.listed ? `<a href="#service-${esc(ref.id)}">${esc(ref.name)}</a>` : `${esc(ref.name)} (${esc(ref.lifecycle)}, not listed)`;
}

function calendarNameHtml(calendar: CalendarRef, shown: ReadonlySet<string>): string {
  return shown.has(calendar.id) ? `<a href="#calendar-${esc(calendar.id)}">${esc(calendar.name)}</a>` : esc(calendar.name);
}

function calendarRefHtml(calendar: CalendarRef, shown: ReadonlySet<string>): string {
  return `${esc(calendar.text)} (${calendarNameHtml(calendar, shown)})`;
}

function contactHtml(contact: CatalogService['contacts'][number]): string {
  const who = contact.role === null ? esc(contact.name) : `${esc(contact.name)}, ${esc(contact.role)}`;
  const how: string[] = [];
  if (contact.email !== null) how.push(`<a href="mailto:${esc(contact.email)}">${esc(contact.email)}</a>`);
  if (contact.phone !== null) how.push(esc(contact.phone));
  const internal = contact.internal ? ' (internal)' : '';
  return `<li>${who}${internal}${how.length > 0 ? `: ${how.join(', ')}` : ''}</li>`;
}

/**
 * What the search box matches a service on: what identifies it and what it offers, not the names of the services
 * it depends on (a search for "vpn" should find the VPN, not every service the VPN uses).
 */
function searchText(service: CatalogService): string {
  return [
    service.id,
    service.name,
    service.category,
    service.description,
    service.owner ?? '',
    service.lifecycle,
    ...service.contacts.flatMap((c) => [c.name, c.role ?? '', c.email ?? '']),
    ...service.offerings.flatMap((o) => [o.id, o.name, o.description ?? '']),
    ...service.agreements.map((a) => a.name),
    // Knowledge: a search for the words of a symptom finds the service whose article or known error mentions them.
    ...service.articles.flatMap((a) => [a.id, a.title, a.excerpt ?? '']),
    ...service.knownErrors.flatMap((k) => [k.id, k.title, k.workaround]),
  ]
    .filter((t) => t !== '')
    .join(' ')
    .toLowerCase();
}

function dd(label: string, html: string): string {
  return `<dt>${esc(label)}</dt><dd>${html}</dd>`;
}

function serviceHtml(catalog: Catalog, service: CatalogService, showCategory: boolean, shownCalendars: ReadonlySet<string>): string {
  const currency = catalog.organisation.currency;
  const parts = [
    `<article class="service ${esc(service.lifecycle)}" id="service-${esc(service.id)}" data-search="${esc(searchText(service))}">`,
    `<h3>${esc(service.name)}${service.name === service.id ? '' : ` <span class="id">${esc(service.id)}</span>`}</h3>`,
    `<p>${esc(service.description)}</p>`,
    '<dl>',
  ];
  if (showCategory) parts.push(dd('Category', esc(service.category)));
  parts.push(dd('Owner', service.owner === null ? 'not named' : esc(service.owner)));
  if (service.contacts.length > 0) parts.push(dd('Contacts', `<ul>${service.contacts.map(contactHtml).join('')}</ul>`));
  const status = [`lifecycle ${esc(service.lifecycle)}`];
  if (service.criticality !== null) status.push(`criticality ${esc(service.criticality)}`);
  const type = serviceTypeWords(service);
  if (type !== null) status.push(esc(type));
  parts.push(dd('Status', status.join('; ')));
  parts.push(dd('Support hours', calendarRefHtml(service.supportHours, shownCalendars)));
  for (const { agreement, text } of availabilityFacts(service)) {
    parts.push(dd('Availability', `${esc(text)} (${esc(agreement.name)})`));
    if (agreement.creditsText !== null) parts.push(dd('Service credits', `${esc(agreement.creditsText)} (${esc(agreement.name)})`));
  }
  if (service.pricing !== null) parts.push(dd('Pricing', esc(service.pricing.text)));
  if (service.dependsOn.length > 0) parts.push(dd('Depends on', service.dependsOn.map(serviceLink).join(', ')));
  if (service.usedBy.length > 0) parts.push(dd('Used by', service.usedBy.map(serviceLink).join(', ')));
  if (service.links.length > 0) parts.push(dd('Links', service.links.map((l) => `<a href="${esc(l.url)}">${esc(l.title)}</a>`).join(', ')));
  parts.push('</dl>');

  if (service.agreements.length === 0) parts.push('<p>No service level agreement applies to this service.</p>');
  for (const agreement of service.agreements) parts.push(agreementHtml(agreement, shownCalendars));

  if (service.offerings.length > 0) {
    const calendar = catalog.calendars.find((c) => c.id === service.offerings[0]!.fulfilment.calendar);
    const where = calendar === undefined || !calendar.businessTime ? 'every hour of every day' : `in ${calendar.name}`;
    parts.push(
      `<p>What can be requested, with the fulfilment target (counted ${esc(where)}) and the price per request:</p>`,
      table(
        ['Offering', 'Fulfilment', 'Price'],
        service.offerings.map((o) => [
          o.description === null ? esc(o.name) : `${esc(o.name)}: ${esc(o.description)}`,
          esc(o.fulfilment.text),
          o.priceText === null ? '—' : esc(o.priceText),
        ]),
        [false, false, true],
      ),
    );
  }
  parts.push(...knowledgeHtml(service));
  if (service.costs !== null && service.costs.length > 0) {
    parts.push(
      '<p>Costs of running the service (internal):</p>',
      table(['Cost', 'Amount'], service.costs.map((c) => [esc(c.item), esc(c.text)]), [false, true]),
      `<p>Total: ${esc(costTotal(currency, service.costs) ?? '')}.</p>`,
    );
  }
  if (service.costShares !== null && service.costShares.length > 0) {
    const shares = service.costShares.map((s) => `${esc(formatPercent(s.percent))} of ${serviceLink(s.service)}`);
    parts.push(`<p>Carries a share of other services’ costs (internal): ${shares.join(', ')}.</p>`);
  }
  parts.push('</article>');
  return parts.join('\n');
}

/**
 * Known errors with their workarounds, then the articles about the service: titles, ids, files and plain-text
 * excerpts, every one escaped. An article's Markdown is never rendered into the page (docs/catalog.md, "Knowledge").
 */
function knowledgeHtml(service: CatalogService): string[] {
  const parts: string[] = [];
  if (service.knownErrors.length > 0) {
    const items = service.knownErrors.map((k) => {
      const documents = k.articles.length === 0 ? '' : ` Documented in ${k.articles.map((a) => `“${esc(a.title)}” (${esc(a.id)})`).join(', ')}.`;
      return `<li><strong>${esc(k.title)}</strong> <span class="id">${esc(k.id)}</span>. Workaround: ${esc(k.workaround)}${documents}</li>`;
    });
    parts.push('<p>Known errors, with what to do until they are fixed:</p>', `<ul class="known-errors">${items.join('')}</ul>`);
  }
  if (service.articles.length > 0) {
    const items = service.articles.map((a) => {
      const internal = a.audience === 'internal' ? ' (internal)' : '';
      const excerpt = a.excerpt === null ? '' : `: ${esc(a.excerpt)}`;
      return `<li><strong>${esc(a.title)}</strong> <span class="id">${esc(a.id)}</span>${internal}${excerpt} <code>${esc(a.file)}</code></li>`;
    });
    parts.push('<p>Knowledge articles:</p>', `<ul class="knowledge">${items.join('')}</ul>`);
  }
  return parts;
}

function agreementHtml(agreement: CatalogAgreement, shownCalendars: ReadonlySet<string>): string {
  const clock = agreement.calendar.businessTime
    ? `Times count only in the working hours of ${calendarNameHtml(agreement.calendar, shownCalendars)}`
    : 'Times count every hour of every day';
  const pauses = agreement.pauseOn.length > 0 ? `; clocks stop while a ticket is ${esc(listWords(agreement.pauseOn.map((s) => s.name), 'or'))}` : '';
  const caption = `<strong>${esc(agreement.name)}</strong> (<code>${esc(agreement.id)}</code>, ${esc(agreementKind(agreement))}). ${clock}${pauses}.`;
  if (agreement.targets.length === 0) return `<p class="agreement ${agreement.type}">${caption} It sets no response or resolution targets.</p>`;
  return [
    `<p class="agreement ${agreement.type}">${caption}</p>`,
    table(
      ['Tickets', 'Response', 'Resolution'],
      agreement.targets.map((t) => [esc(t.label), t.response === null ? '—' : esc(t.response.text), t.resolution === null ? '—' : esc(t.resolution.text)]),
      [false, false, false],
    ),
  ].join('\n');
}

function calendarHtml(calendar: CatalogCalendar): string {
  const parts = [`<article class="calendar" id="calendar-${esc(calendar.id)}">`];
  parts.push(`<h3>${esc(calendar.name)}${calendar.name === calendar.id ? '' : ` <span class="id">${esc(calendar.id)}</span>`}</h3>`);
  if (calendar.description !== null) parts.push(`<p>${esc(calendar.description)}</p>`);
  parts.push(`<p>Working hours: ${esc(calendar.text)}.</p>`);
  if (calendar.holidays.length > 0) {
    parts.push(table(['Date', 'Holiday (closed)'], calendar.holidays.map((h) => [esc(h.date), esc(h.name)]), [false, false]));
  }
  if (calendar.specialDays.length > 0) {
    parts.push(
      table(['Date', 'Special day', 'Hours'], calendar.specialDays.map((s) => [esc(s.date), esc(s.name), esc(dayHoursWords(s.hours))]), [false, false, false]),
    );
  }
  parts.push('</article>');
  return parts.join('\n');
}

function table(head: readonly string[], rows: readonly (readonly string[])[], numeric: readonly boolean[]): string {
  const cls = (i: number) => (numeric[i] === true ? ' class="num"' : '');
  return [
    '<table>',
    `<thead><tr>${head.map((h, i) => `<th${cls(i)}>${esc(h)}</th>`).join('')}</tr></thead>`,
    '<tbody>',
    ...rows.map((r) => `<tr>${r.map((c, i) => `<td${cls(i)}>${c}</td>`).join('')}</tr>`),
    '</tbody>',
    '</table>',
  ].join('\n');
}

const STYLE = `
:root{color-scheme:light dark;--fg:#1f2328;--muted:#59636e;--bg:#fff;--line:#d1d9e0;--accent:#0969da;--soft:#f6f8fa}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#9198a1;--bg:#0d1117;--line:#3d444d;--accent:#4493f8;--soft:#151b23}}
*{box-sizing:border-box}
body{margin:0 auto;max-width:72rem;padding:1.5rem;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
a{color:var(--accent)}
h1{margin-top:0}
h2{border-bottom:1px solid var(--line);padding-bottom:.3rem;margin-top:2.5rem}
h3{margin:0 0 .5rem}
.id{font:400 .8em ui-monospace,SFMono-Regular,Menlo,monospace;color:var(--muted)}
code{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.9em}
.facts{padding-left:1.2rem}
.search{position:sticky;top:0;z-index:1;display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;padding:.6rem 0;background:var(--bg);border-bottom:1px solid var(--line)}
.search[hidden]{display:none}
.search input{flex:1 1 16rem;font:inherit;padding:.35rem .6rem;border:1px solid var(--line);border-radius:6px;background:var(--bg);color:var(--fg)}
#search-status{color:var(--muted);font-size:.9em}
.toc ul ul{columns:2 16rem}
[hidden]{display:none!important}
article{border:1px solid var(--line);border-radius:8px;padding:1rem 1.2rem;margin:1rem 0}
article.pipeline,article.retired{border-style:dashed}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:.5rem 0 1rem}
dt{font-weight:600}
dd{margin:0}
dd ul{margin:0;padding-left:1.1rem}
table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:.92em}
th,td{border:1px solid var(--line);padding:.25rem .6rem;text-align:left;vertical-align:top}
th{background:var(--soft)}
.num{text-align:right}
.graph-wrap{overflow-x:auto}
svg.graph{max-width:100%;height:auto;font:13px system-ui,sans-serif}
svg.graph .edge{fill:none;stroke:var(--muted);stroke-width:1.2}
svg.graph marker path{fill:var(--muted)}
svg.graph rect{fill:var(--soft);stroke:var(--accent);stroke-width:1.2}
svg.graph .pipeline rect,svg.graph .retired rect{stroke-dasharray:5 4}
svg.graph text{fill:var(--fg)}
svg.graph a:hover rect,svg.graph a:focus rect{stroke-width:2.5}
footer{margin-top:3rem;color:var(--muted);font-size:.9em}
@media print{.search{display:none}article{break-inside:avoid}}
`;

/**
 * Filters the services as the user types: a service stays when every word of the query occurs in its search text
 * (`data-search`: name, id, category, description, owner, contacts, offerings, agreements, articles, known errors), case-insensitively. Sections and contents entries
 * without a match are hidden too. Escape clears the query; `#search=words` in the URL pre-fills it.
 */
const SCRIPT = `
(function () {
  var box = document.querySelector('.search');
  var input = document.getElementById('search');
  var status = document.getElementById('search-status');
  var services = Array.prototype.slice.call(document.querySelectorAll('article.service'));
  var sections = Array.prototype.slice.call(document.querySelectorAll('section.services'));
  var tocServices = Array.prototype.slice.call(document.querySelectorAll('nav.toc li[data-service]'));
  var tocSections = Array.prototype.slice.call(document.querySelectorAll('nav.toc li[data-section]'));
  var texts = services.map(function (s) { return s.getAttribute('data-search') || ''; });
  function apply() {
    var words = input.value.toLowerCase().split(/\\s+/).filter(Boolean);
    var shown = 0;
    services.forEach(function (s, i) {
      var match = words.every(function (w) { return texts[i].indexOf(w) !== -1; });
      s.hidden = !match;
      if (match) shown++;
    });
    sections.forEach(function (section) { section.hidden = !section.querySelector('article.service:not([hidden])'); });
    tocServices.forEach(function (li) { li.hidden = document.getElementById(li.getAttribute('data-service')).hidden; });
    tocSections.forEach(function (li) { li.hidden = !li.querySelector('li[data-service]:not([hidden])'); });
    status.textContent = words.length === 0 ? services.length + ' services' : shown + ' of ' + services.length + ' services match';
  }
  input.addEventListener('input', apply);
  input.addEventListener('keydown', function (e) { if (e.key === 'Escape') { input.value = ''; apply(); } });
  var m = /^#search=(.*)$/.exec(location.hash);
  if (m) {
    try { input.value = decodeURIComponent(m[1]); } catch (e) { input.value = m[1]; }
  }
  box.hidden = false;
  apply();
})();
`;
