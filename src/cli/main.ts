import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { DataError, UsageError } from '../errors.js';
import { FileChangedError } from '../fs/file-writer.js';
import { ioErrorFrom } from '../fs/io-error.js';
import { delimiterOption, nonNegativeInteger, oneOf, widthOption } from './options.js';
import { cacheOptions } from './cache-option.js';
import { safeLines } from '../report/text-safe.js';
import { writeStderr } from './terminal.js';
import { VERSION } from './version.js';
import { FAIL_ON } from '../governance/fail-on.js';

/** Exit codes, as eslint and Spectral use them. */
export const EXIT = { ok: 0, dataFails: 1, usage: 2 } as const;

const DIAGNOSTIC_FORMATS = ['stylish', 'json', 'github', 'sarif'] as const;

/**
 * Builds the program. Command modules are imported only when their command runs, so that `itsm --version` does not
 * pay for zod, yaml and the engines.
 */
export function buildProgram(setExitCode: (code: number) => void): Command {
  const program = new Command();
  program
    .name('itsm')
    .description('IT service management as code: validate and report on a git repository of services, SLAs and tickets.')
    .version(VERSION, '-v, --version')
    .option('--debug', 'show stack traces of internal errors')
    .showHelpAfterError('(run "itsm --help" for usage)')
    .exitOverride();

  program
    .command('validate')
    .description('check that the repository is well-formed and consistent (exit 1 on errors)')
    .argument('[paths...]', 'repository folder, or a folder inside it (the nearest with itsm.yaml); or files of the repository, to report only theirs')
    .addOption(new Option('-f, --format <format>', 'output format').choices(DIAGNOSTIC_FORMATS).default('stylish'))
    .option('--max-warnings <n>', 'exit 1 when there are more than n warnings', nonNegativeInteger)
    .option('-q, --quiet', 'report errors only, not warnings')
    .option('--now <instant>', 'judge review dates and due approvals as of this instant or date (default: the current time)')
    .addOption(cacheOptions()[0]!)
    .addOption(cacheOptions()[1]!)
    .addOption(cacheOptions()[2]!)
    .action(async (paths: string[], options: { format: (typeof DIAGNOSTIC_FORMATS)[number]; maxWarnings?: number; quiet?: boolean; now?: string }) => {
      const { runValidate } = await import('./commands/validate.js');
      setExitCode(await runValidate(paths, options));
    });

  program
    .command('init')
    .description('create a new repository with one example of each kind, which validates cleanly')
    .argument('[dir]', 'folder to create the repository in', '.')
    .option('--force', 'write into a folder that is not empty (existing files are still never overwritten)')
    .option('--name <name>', 'organisation name', 'Example Organisation')
    .addOption(new Option('--currency <code>', 'ISO 4217 currency code').default('USD').argParser(currencyCode))
    .option('--time-zone <zone>', 'IANA time zone of the organisation', 'UTC')
    .action(async (dir: string, options: { force?: boolean; name: string; currency: string; timeZone: string }) => {
      const { runInit } = await import('./commands/init.js');
      setExitCode(runInit(dir, options));
    });

  const sla = program.command('sla').description('service level figures: compliance, open clocks, and the story of a ticket');

  sla
    .command('report')
    .description('did we meet our SLAs? compliance per target, availability and breaches for a period')
    .argument('[path]', 'repository folder, or a folder inside it (the nearest with itsm.yaml)', '.')
    .option('--period <period>', 'a month (2026-10), a quarter (2026-Q4), a year (2026), or this-/last-month, -quarter, -year; default the current month')
    .option('--from <date>', 'start of the period (date or instant, included)')
    .option('--to <date>', 'end of the period (date or instant, excluded)')
    .option('--now <instant>', 'measure running clocks as of this instant (default: the period end, or now if earlier)')
    .addOption(listOption('--service <ids>', 'only these services (comma-separated)'))
    .addOption(listOption('--consumer <ids>', 'only these consumers'))
    .addOption(listOption('--sla <ids>', 'only these SLAs'))
    .addOption(listOption('--type <types>', 'only these ticket types (incident, request, problem, change)'))
    .addOption(listOption('--priority <ids>', 'only these priorities'))
    .addOption(listOption('--group <ids>', 'only clocks of these assignment groups'))
    .addOption(new Option('--by <dimension>', 'break each target down by').choices(['service', 'priority', 'consumer', 'month', 'group']))
    .option('--fail-under [percent]', "exit 1 when a target is below its objective (or below percent) or availability misses", percentage)
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json', 'csv', 'markdown', 'parquet']).default('table'))
    .option('--all', 'table: also list the targets with nothing measured or running')
    .addOption(widthOption())
    .addOption(delimiterOption())
    .option('-o, --out <file>', 'write to a file instead of stdout')
    .option('--force', 'replace the --out file if it exists')
    .addOption(cacheOptions()[0]!)
    .addOption(cacheOptions()[1]!)
    .addOption(cacheOptions()[2]!)
    .action(async (path: string, options: import('./commands/sla.js').SlaReportCliOptions) => {
      const { runSlaReport } = await import('./commands/sla.js');
      setExitCode(await runSlaReport(path, options, () => Date.now()));
    });

  sla
    .command('status')
    .description("open tickets' clocks as of now, most urgent first")
    .argument('[path]', 'repository folder, or a folder inside it (the nearest with itsm.yaml)', '.')
    .option('--now <instant>', 'as of this instant instead of the current time')
    .addOption(listOption('--service <ids>', 'only these services (comma-separated)'))
    .addOption(listOption('--consumer <ids>', 'only these consumers'))
    .addOption(listOption('--sla <ids>', 'only these SLAs'))
    .addOption(listOption('--type <types>', 'only these ticket types'))
    .addOption(listOption('--priority <ids>', 'only these priorities'))
    .addOption(listOption('--group <ids>', 'only clocks of these assignment groups (the group holding the ticket now, or the group an OLA is scoped to)'))
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json', 'csv']).default('table'))
    .addOption(widthOption())
    .addOption(delimiterOption())
    .option('-o, --out <file>', 'write to a file instead of stdout')
    .option('--force', 'replace the --out file if it exists')
    .addOption(cacheOptions()[0]!)
    .addOption(cacheOptions()[1]!)
    .addOption(cacheOptions()[2]!)
    .action(async (path: string, options: import('./commands/sla.js').SlaStatusCliOptions) => {
      const { runSlaStatus } = await import('./commands/sla.js');
      setExitCode(await runSlaStatus(path, options, () => Date.now()));
    });

  sla
    .command('explain')
    .description("the story of one ticket's clocks, segment by segment, to check a figure by hand")
    .argument('<ticket>', 'ticket id')
    .argument('[path]', 'repository folder, or a folder inside it (the nearest with itsm.yaml)', '.')
    .option('--now <instant>', 'as of this instant instead of the current time')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addOption(widthOption())
    .action(async (ticket: string, path: string, options: import('./commands/sla.js').SlaExplainCliOptions) => {
      const { runSlaExplain } = await import('./commands/sla.js');
      setExitCode(await runSlaExplain(ticket, path, options, () => Date.now()));
    });

  const catalog = program.command('catalog').description('the published service catalog');

  catalog
    .command('export')
    .description('publish the service catalog: Markdown (default), a self-contained HTML page, JSON or Backstage entities')
    .argument('[path]', 'repository folder, or a folder inside it (the nearest with itsm.yaml)', '.')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['markdown', 'html', 'json', 'backstage']).default('markdown'))
    .addOption(new Option('--audience <audience>', 'customer leaves out costs, OLAs, SLOs and internal contacts').choices(['customer', 'internal']).default('customer'))
    .option('--include-retired', 'also list retired services')
    .option('-o, --out <file>', 'write to a file instead of stdout (atomically)')
    .option('--force', 'replace the --out file if it exists and differs')
    .option('--check <file>', 'exit 1, with a short diff, when the file is not what export would write now')
    .addOption(cacheOptions()[0]!)
    .addOption(cacheOptions()[1]!)
    .addOption(cacheOptions()[2]!)
    .action(async (path: string, options: import('./commands/catalog.js').CatalogExportCliOptions) => {
      const { runCatalogExport } = await import('./commands/catalog.js');
      setExitCode(await runCatalogExport(path, options));
    });

  program
    .command('diff')
    .description('what changed between two git revisions, in words, and the figures it moves (compliance, clocks, chargeback)')
    .argument('[revisions-and-path...]', '[base] [head] [path]: base default HEAD, head default the working tree; base...head compares from their merge base')
    .option('--period <period>', 'compliance compared over this period: 2026-09..2026-11, a month, a quarter or a year (default: the last three full months)')
    .option('--now <instant>', 'measure running clocks as of this instant (default: now)')
    .option('--month <month>', 'chargeback compared for this month, YYYY-MM (default: the last full month)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'markdown', 'json']).default('text'))
    .addOption(new Option('--fail-on <conditions>', `exit 1 when any of these is met (comma-separated): ${FAIL_ON.join(', ')}`).argParser(failOnList))
    .option('--tickets', 'list the changed tickets one by one (default: counts only)')
    .option('-o, --out <file>', 'write to a file instead of stdout')
    .option('--force', 'replace the --out file if it exists')
    .addOption(cacheOptions()[2]!)
    .action(async (args: string[], options: import('./commands/diff.js').DiffCliOptions) => {
      const { runDiff } = await import('./commands/diff.js');
      setExitCode(await runDiff(args, options, () => Date.now()));
    });

  const calendarCommand = program.command('calendar').description('working calendars: their holidays and special days');
  calendarCommand
    .command('export')
    .description('a calendar\'s holidays and special days as iCalendar (for Outlook, Google Calendar) or JSON')
    .argument('<id>', 'the calendar\'s metadata.id')
    .argument('[path]', 'repository folder, or a folder inside it (the nearest with itsm.yaml)', '.')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['ics', 'json']).default('ics'))
    .option('--from <year>', 'first year to export (YYYY; with --to); default: the first year the calendar\'s dates name')
    .option('--to <year>', 'last year to export, included (YYYY; with --from); default: the last year they name')
    .option('-o, --out <file>', 'write to a file instead of stdout (atomically)')
    .option('--force', 'replace the --out file if it exists')
    .addOption(cacheOptions()[0]!)
    .addOption(cacheOptions()[1]!)
    .addOption(cacheOptions()[2]!)
    .action(async (id: string, path: string, options: import('./commands/calendar.js').CalendarExportCliOptions) => {
      const { runCalendarExport } = await import('./commands/calendar.js');
      setExitCode(await runCalendarExport(id, path, options));
    });

  const change = program.command('change').description('change enablement: the impact of a change, the schedule of change, the change figures (docs/change.md)');
  change
    .command('impact')
    .description('what a change touches: dependent services, consumers, agreements and their error budgets, other changes in its window, freezes')
    .argument('<id>', 'a change ticket id, or a service id (the impact of any change to it as of --now)')
    .argument('[path]', 'repository folder, or a folder inside it (the nearest with itsm.yaml)', '.')
    .option('--now <instant>', 'measure error budgets as of this instant (default: the current time)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'markdown', 'json']).default('table'))
    .addOption(widthOption())
    .option('-o, --out <file>', 'write to a file instead of stdout (atomically)')
    .option('--force', 'replace the --out file if it exists')
    .action(async (id: string, path: string, options: import('./commands/change.js').ChangeImpactCliOptions) => {
      const { runChangeImpact } = await import('./commands/change.js');
      setExitCode(await runChangeImpact(id, path, options, () => Date.now()));
    });
  change
    .command('calendar')
    .description('the forward schedule of change with the freeze periods (default: the next 30 days), for the CAB and for Outlook')
    .argument('[path]', 'repository folder, or a folder inside it (the nearest with itsm.yaml)', '.')
    .option('--period <period>', 'a month (2026-12), a quarter, a year, or this-/last-month, -quarter, -year')
    .option('--from <date>', 'start of the schedule (date or instant, included)')
    .option('--to <date>', 'end of the schedule (date or instant, excluded)')
    .option('--now <instant>', 'today, for the default 30 days and a relative --period (default: the current time)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'markdown', 'json', 'ics']).default('table'))
    .addOption(widthOption())
    .option('-o, --out <file>', 'write to a file instead of stdout (atomically)')
    .option('--force', 'replace the --out file if it exists')
    .action(async (path: string, options: import('./commands/change.js').ChangeCalendarCliOptions) => {
      const { runChangeCalendar } = await import('./commands/change.js');
      setExitCode(await runChangeCalendar(path, options, () => Date.now()));
    });
  change
    .command('report')
    .description('change success rate, change failure rate, emergency share, time to restore service, counts by type and risk')
    .argument('[path]', 'repository folder, or a folder inside it (the nearest with itsm.yaml)', '.')
    .option('--period <period>', 'a month (2026-12), a quarter (2026-Q4), a year (2026), or this-/last-month, -quarter, -year; default the current month')
    .option('--from <date>', 'start of the period (date or instant, included)')
    .option('--to <date>', 'end of the period (date or instant, excluded)')
    .option('--now <instant>', 'the current time: what is implemented and resolved by then (default: the clock)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'markdown', 'json']).default('text'))
    .addOption(widthOption())
    .option('-o, --out <file>', 'write to a file instead of stdout (atomically)')
    .option('--force', 'replace the --out file if it exists')
    .action(async (path: string, options: import('./commands/change.js').ChangeReportCliOptions) => {
      const { runChangeReport } = await import('./commands/change.js');
      setExitCode(await runChangeReport(path, options, () => Date.now()));
    });

  const chargeback = program
    .command('chargeback')
    .description('what each consumer is charged for its services in a period, and what each service recovered of its cost')
    .argument('[path]', 'repository folder, or a folder inside it (the nearest with itsm.yaml)', '.')
    .option('--period <period>', 'a month (2026-11), a quarter (2026-Q4), a year (2026), or this-/last-month, -quarter, -year; default the current month')
    .option('--from <date>', 'first day of the period (included)')
    .option('--to <date>', 'day after the period (excluded)')
    .option('--now <instant>', 'the current time, from which a relative --period (last-month) and the default period are read')
    .addOption(listOption('--consumer <ids>', 'only these consumers (comma-separated)'))
    .addOption(listOption('--service <ids>', 'only these services'))
    .addOption(new Option('--by <dimension>', 'arrange the statements by').choices(['consumer', 'service', 'consumer,service']))
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json', 'csv', 'markdown', 'focus', 'parquet']).default('table'))
    .addOption(widthOption())
    .addOption(delimiterOption())
    .option('-o, --out <file>', 'write to a file instead of stdout')
    .option('--force', 'replace the --out file if it exists');
  for (const option of cacheOptions()) chargeback.addOption(option);
  chargeback.action(async (path: string, options: import('./commands/chargeback.js').ChargebackCliOptions) => {
    const { runChargeback } = await import('./commands/chargeback.js');
    setExitCode(await runChargeback(path, options, () => Date.now()));
  });

  const audit = program
    .command('audit')
    .description("who changed which definition, when, through which pull request: the change record from the repository's git history")
    .argument('[path]', 'repository folder, or a folder inside it (the nearest with itsm.yaml); it may be a subfolder of the git work tree', '.')
    .option('--since <date>', 'only commits authored on or after this date or instant')
    .option('--until <date>', 'only commits authored on or before this date (the whole day) or instant')
    .option('--for <id>', 'the history of one definition (a service, an agreement, …), and the version in force')
    .option('--now <instant>', "with --for, the day whose dated terms are in force (default: today)");
  for (const [flag, what] of [['config', 'the settings (itsm.yaml)'], ['service', 'services'], ['sla', 'agreements (SLA, OLA, SLO)'], ['calendar', 'calendars'], ['consumer', 'consumers'], ['group', 'groups'], ['usage', 'usage records'], ['template', 'change templates'], ['article', 'knowledge articles'], ['improvement', 'the improvement register']] as const) {
    audit.addOption(kindOption(`--${flag} [ids]`, `only changes to ${what}: these ids (comma-separated), or every one`));
  }
  audit
    .addOption(new Option('-f, --format <format>', 'output format').choices(['markdown', 'csv', 'json']).default('markdown'))
    .addOption(delimiterOption())
    .option('-o, --out <file>', 'write to a file instead of stdout (atomically)')
    .option('--force', 'replace the --out file if it exists')
    .action(async (path: string, options: import('./commands/audit.js').AuditCliOptions) => {
      const { runAudit } = await import('./commands/audit.js');
      setExitCode(await runAudit(path, options, () => Date.now()));
    });

  const problem = program.command('problem').description('problem management: open problems, known errors, and recurring incidents without a problem');
  const problemReport = problem
    .command('report')
    .description('open problems by age, known errors and their workarounds, incidents and downtime per problem, problems without an owner')
    .argument('[path]', 'repository folder, or a folder inside it (the nearest with itsm.yaml)', '.')
    .option('--now <instant>', 'as of this instant instead of the current time')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'markdown', 'json']).default('text'))
    .addOption(widthOption())
    .option('-o, --out <file>', 'write to a file instead of stdout')
    .option('--force', 'replace the --out file if it exists');
  for (const option of cacheOptions()) problemReport.addOption(option);
  problemReport.action(async (path: string, options: import('./commands/problem.js').ProblemReportCliOptions) => {
    const { runProblemReport } = await import('./commands/problem.js');
    setExitCode(await runProblemReport(path, options, () => Date.now()));
  });
  const problemSuggest = problem
    .command('suggest')
    .description('recurring incidents without a problem: the same service and category, at least --min times within --window')
    .argument('[path]', 'repository folder, or a folder inside it (the nearest with itsm.yaml)', '.')
    .option('--min <n>', 'incidents that make a recurrence, 2 or more (default 3)', nonNegativeInteger)
    .option('--window <duration>', 'how far apart they may be opened: 30d (default), 2w, 36h, 90m')
    .option('--since <date>', 'only incidents opened at or after this date or instant')
    .option('--now <instant>', 'as of this instant or date: later incidents and cancellations are left out (default: all of them)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'markdown', 'json']).default('text'))
    .addOption(widthOption())
    .option('-o, --out <file>', 'write to a file instead of stdout')
    .option('--force', 'replace the --out file if it exists');
  for (const option of cacheOptions()) problemSuggest.addOption(option);
  problemSuggest.action(async (path: string, options: import('./commands/problem.js').ProblemSuggestCliOptions) => {
    const { runProblemSuggest } = await import('./commands/problem.js');
    setExitCode(await runProblemSuggest(path, options));
  });

  const review = program
    .command('review')
    .description('the monthly service review pack: volume, backlog, speed, service levels, recurrence, changes, problems, the worst five and the improvement register')
    .argument('[path]', 'repository folder, or a folder inside it (the nearest with itsm.yaml)', '.')
    .option('--period <month>', 'the month reviewed: 2026-11, last-month (default) or this-month')
    .option('--months <n>', 'how many months the trends cover, ending with the reviewed one (default 12)', nonNegativeInteger)
    .option('--now <instant>', 'as of this instant or date instead of the current time')
    .addOption(listOption('--service <ids>', 'only these services (comma-separated)'))
    .addOption(listOption('--consumer <ids>', 'only these consumers'))
    .addOption(listOption('--group <ids>', 'only tickets and clocks of these assignment groups'))
    .addOption(listOption('--priority <ids>', 'only tickets and clocks of these priorities'))
    .addOption(new Option('-f, --format <format>', 'output format').choices(['markdown', 'html', 'json']).default('markdown'))
    .option('-o, --out <file>', 'write to a file instead of stdout')
    .option('--force', 'replace the --out file if it exists');
  for (const option of cacheOptions()) review.addOption(option);
  review.action(async (path: string, options: import('./commands/review.js').ReviewCliOptions) => {
    const { runReview } = await import('./commands/review.js');
    setExitCode(await runReview(path, options, () => Date.now()));
  });

  const exporter = program.command('export').description('flat data for BI tools and spreadsheets');
  const exportTickets = exporter
    .command('tickets')
    .description('every ticket and its SLA clocks, one row per clock (CSV, JSON Lines or Parquet), streamed')
    .argument('[path]', 'repository folder, or a folder inside it (the nearest with itsm.yaml)', '.')
    .option('--now <instant>', 'measure as of this instant (default: the current time)')
    .option('--period <period>', 'only tickets opened in a month (2026-10), a quarter (2026-Q4), a year (2026), or this-/last-month, -quarter, -year')
    .option('--from <date>', 'only tickets opened at or after this date or instant')
    .option('--to <date>', 'only tickets opened before this date or instant (excluded)')
    .addOption(listOption('--service <ids>', 'only these services (comma-separated)'))
    .addOption(listOption('--consumer <ids>', 'only these consumers'))
    .addOption(listOption('--sla <ids>', 'only clocks of these SLAs'))
    .addOption(listOption('--type <types>', 'only these ticket types (incident, request, problem, change)'))
    .addOption(listOption('--priority <ids>', 'only clocks whose target is for these priorities'))
    .addOption(listOption('--group <ids>', 'only clocks of these assignment groups'))
    .option('--clocks-only', 'leave out the row of each ticket that has no clock')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['csv', 'jsonl', 'parquet']).default('csv'))
    .addOption(delimiterOption())
    .addOption(new Option('--partition <by>', 'parquet: write a folder (--out) of Hive-style partitions by month of opening (month=2026-10/part-0.parquet)').choices(['month']))
    .option('-o, --out <file>', 'write to a file instead of stdout (atomically)')
    .option('--force', 'replace the --out file if it exists');
  for (const option of cacheOptions()) exportTickets.addOption(option);
  exportTickets.action(async (path: string, options: import('./commands/export.js').ExportTicketsCliOptions) => {
    const { runExportTickets } = await import('./commands/export.js');
    setExitCode(await runExportTickets(path, options, () => Date.now()));
  });

  const exportOpenSlo = exporter
    .command('openslo')
    .description("the agreements' targets and availability objectives as OpenSLO v1 Service and SLO documents (YAML)")
    .argument('[path]', 'repository folder, or a folder inside it (the nearest with itsm.yaml)', '.')
    .option('-o, --out <file>', 'write to a file instead of stdout (atomically)')
    .option('--force', 'replace the --out file if it exists');
  for (const option of cacheOptions()) exportOpenSlo.addOption(option);
  exportOpenSlo.action(async (path: string, options: import('./commands/export-openslo.js').ExportOpenSloCliOptions) => {
    const { runExportOpenSlo } = await import('./commands/export-openslo.js');
    setExitCode(await runExportOpenSlo(path, options));
  });

  const exportMetrics = exporter
    .command('metrics')
    .description('the current figures for Prometheus (text format, for node_exporter\'s textfile collector): compliance, open clocks, availability, error budgets, backlog')
    .argument('[path]', 'repository folder, or a folder inside it (the nearest with itsm.yaml)', '.')
    .option('--now <instant>', 'measure as of this instant (default: the current time)')
    .option('--period <period>', 'compliance and availability over a month (2026-10), a quarter, a year, or this-/last-month, -quarter, -year (default: the month of --now)')
    .option('-o, --out <file>', 'write to a file instead of stdout (atomically: name it *.prom in the textfile collector\'s folder)')
    .option('--force', 'replace the --out file if it exists');
  for (const option of cacheOptions()) exportMetrics.addOption(option);
  exportMetrics.action(async (path: string, options: import('./commands/export.js').ExportMetricsCliOptions) => {
    const { runExportMetrics } = await import('./commands/export.js');
    setExitCode(await runExportMetrics(path, options, () => Date.now()));
  });

  program
    .command('completion')
    .description('print the shell completion script for bash, zsh or fish (README, "Shell completion")')
    .argument('[shell...]', 'bash, zsh or fish')
    .addOption(new Option('--ids <kind>', 'print the ids of one kind in the repository at [path], one per line (for the scripts)').hideHelp())
    .action(async (words: string[], options: { ids?: string }) => {
      const { runCompletion } = await import('./commands/completion.js');
      setExitCode(runCompletion(program, words, options));
    });

  // `itsm import <source> FILE`: one subcommand per source, all sharing the options of withImportOptions and the
  // writer behind runImport (src/cli/commands/import.ts). Add a source with
  // `withImportOptions(importCommand.command('<source>')…)`, then an action that calls runImport.
  const importCommand = program
    .command('import')
    .description('bring tickets in from a ticketing tool export, sharded by month of opening (idempotent; never deletes a ticket)');
  function withImportOptions(command: Command): Command {
    return command
      .option('--repo <dir>', 'repository to import into, or a folder inside it (the nearest with itsm.yaml)', '.')
      .option('--map <file>', 'mapping file: statuses, priorities, service and consumer columns and values, time zone, date formats')
      .option('--time-zone <zone>', 'IANA time zone of naive timestamps (overrides the mapping; default the repository\'s)')
      .option('--dry-run', 'show what would change (files and tickets) and write nothing')
      .option('--force', 'rewrite files that were edited by hand or not written by itsm import (their other documents are kept)')
      .option('--max-skipped <n>', 'exit 1 when more than n input rows were skipped', nonNegativeInteger)
      .option('--default-service <id>', 'the service of every ticket whose value maps to no service (overrides the mapping\'s service.fallback)')
      .option('--replace-timelines', 'let the export\'s timelines replace the repository\'s even where that drops events (the export is complete)')
      .addOption(new Option('-f, --format <format>', 'summary format').choices(['text', 'json']).default('text'));
  }
  withImportOptions(
    importCommand
      .command('servicenow')
      .description('ServiceNow incident export: the audit log (one row per update, e.g. sys_audit / the UCI event log) or one row per incident')
      .argument('<file>', 'CSV export'),
  )
    .addOption(new Option('--shape <shape>', 'audit: one row per update (has sys_mod_count); plain: one row per incident').choices(['auto', 'audit', 'plain']).default('auto'))
    .action(async (file: string, options: import('./commands/import.js').ServiceNowCliOptions) => {
      const { runImportServiceNow } = await import('./commands/import.js');
      setExitCode(await runImportServiceNow(file, options));
    });
  withImportOptions(
    importCommand
      .command('jira')
      .description('Jira Service Management export: the REST API JSON with changelogs (/rest/api/2/search?expand=changelog), or the CSV export (no history)')
      .argument('<file>', 'JSON or CSV export (told apart by the first character)'),
  ).action(async (file: string, options: import('./commands/import.js').ImportCliOptions) => {
    const { runImportJira } = await import('./commands/import-jira-csv.js');
    setExitCode(await runImportJira(file, options));
  });
  withImportOptions(
    importCommand
      .command('csv')
      .description('any tool\'s CSV export, through a mapping file (--map): columns, date formats, time zone, values')
      .argument('<file>', 'CSV export: one row per ticket, or one row per update'),
  ).action(async (file: string, options: import('./commands/import.js').ImportCliOptions) => {
    const { runImportCsv } = await import('./commands/import-jira-csv.js');
    setExitCode(await runImportCsv(file, options));
  });

  importCommand
    .command('openslo')
    .description('OpenSLO v1 Service and SLO documents as services and agreements (docs/openslo.md)')
    .argument('<files...>', 'OpenSLO YAML files (several documents each)')
    .option('--repo <dir>', 'repository to import into, or a folder inside it (the nearest with itsm.yaml)', '.')
    .option('--dry-run', 'say what would be written, write nothing')
    .option('--force', 'replace files that exist with other content')
    .action(async (files: string[], options: import('./commands/import-openslo.js').ImportOpenSloCliOptions) => {
      const { runImportOpenSlo } = await import('./commands/import-openslo.js');
      setExitCode(runImportOpenSlo(files, options));
    });

  return program;
}

function listOption(flags: string, description: string): Option {
  return new Option(flags, description).argParser((value: string, previous: string[] | undefined) => [
    ...(previous ?? []),
    ...value.split(',').map((v) => v.trim()).filter((v) => v !== ''),
  ]);
}

function failOnList(value: string, previous: string[] | undefined): string[] {
  const conditions = value.split(',').map((v) => v.trim()).filter((v) => v !== '');
  const unknown = conditions.filter((c) => !(FAIL_ON as readonly string[]).includes(c));
  if (unknown.length > 0 || conditions.length === 0) throw new InvalidArgumentError(`expected conditions among ${FAIL_ON.join(', ')} but found "${value}"`);
  return [...new Set([...(previous ?? []), ...conditions])];
}

/** `--sla gold,silver` (these ids, repeatable) or `--sla` alone (true: every agreement), for `itsm audit`. */
function kindOption(flags: string, description: string): Option {
  return new Option(flags, description).argParser((value: string, previous: string[] | true | undefined) => {
    if (previous === true) return true;
    return [...(previous ?? []), ...value.split(',').map((v) => v.trim()).filter((v) => v !== '')];
  });
}

function percentage(value: string): number {
  if (!/^\d+(\.\d+)?$/.test(value) || Number(value) > 100) throw new InvalidArgumentError(`expected a percentage from 0 to 100 but found "${value}"`);
  return Number(value);
}

/** ISO 4217 codes are upper case; "eur" is taken as EUR (only ASCII letters are accepted, so nothing else changes). */
function currencyCode(value: string): string {
  if (!/^[A-Za-z]{3}$/.test(value)) throw new InvalidArgumentError(`expected an ISO 4217 code such as USD but found "${value}"`);
  return value.toUpperCase();
}

/** The process entry point: runs the command and sets `process.exitCode` (never `process.exit`, so piped output is not cut off). */
export async function main(argv: readonly string[]): Promise<void> {
  const debug = argv.includes('--debug');
  // A reader that stops early (`itsm … | head`) closes the pipe: that is not an error worth a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') {
      process.stdout.destroy();
      return;
    }
    throw error;
  });
  const program = buildProgram((code) => {
    process.exitCode = code;
  });
  try {
    await program.parseAsync([...argv]);
  } catch (error) {
    process.exitCode = exitCodeFor(error, debug);
  }
}

function exitCodeFor(error: unknown, debug: boolean): number {
  if (error instanceof CommanderError) {
    // Commander has already printed its message (or the help / version) to the right stream.
    return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  if (error instanceof UsageError || error instanceof DataError || error instanceof FileChangedError) {
    // Messages quote what the user typed and what the files hold: control characters are shown, not obeyed.
    writeStderr(`itsm: ${safeLines(error.message)}`);
    return EXIT.usage;
  }
  // A file that cannot be read or written (disk full, permissions, a folder where a file should be) is not a bug.
  const io = ioErrorFrom(error);
  if (io) {
    writeStderr(`itsm: ${safeLines(io.message)}`);
    return EXIT.usage;
  }
  writeStderr(`itsm: internal error: ${safeLines(error instanceof Error ? error.message : String(error))}`);
  if (debug && error instanceof Error && error.stack) writeStderr(error.stack);
  else writeStderr('this is a bug in itsm; run again with --debug for details and report it');
  return EXIT.usage;
}
