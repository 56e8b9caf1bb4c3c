import type { Command, Option } from 'commander';

/** The ids `itsm completion --ids KIND` lists, one per line. */
export const ID_KINDS = ['services', 'agreements', 'consumers', 'calendars', 'groups', 'tickets'] as const;
export type IdKind = (typeof ID_KINDS)[number];

/** The document kind of each id kind (`kind:` in the YAML). */
export const KIND_OF_IDS: Readonly<Record<IdKind, string>> = {
  services: 'Service',
  agreements: 'SLA',
  consumers: 'Consumer',
  calendars: 'Calendar',
  groups: 'Group',
  tickets: 'Ticket',
};

/** What a value or an argument completes to: ids of the repository, folders, or nothing special (the shell's files). */
export type Completes = { ids: IdKind } | { choices: readonly string[] } | 'directories' | 'files';

export interface CompletionOption {
  /** The flags as typed: `-f`, `--format`. */
  flags: string[];
  description: string;
  /** Whether the option reads the next word as its value (`<value>`); an optional value (`[ids]`) never does. */
  takesValue: boolean;
  choices: string[];
  completes: Completes;
}

export interface CompletionNode {
  /** The words that reach the command: [] for itsm itself, ['sla', 'report']. */
  path: string[];
  description: string;
  subcommands: CompletionNode[];
  options: CompletionOption[];
  /** The positional arguments in order, and what each completes to. */
  arguments: Completes[];
}

/** Options whose values are ids of the repository (the filters of sla report, status, export tickets, review). */
const ID_OPTIONS: Readonly<Record<string, IdKind>> = { '--service': 'services', '--sla': 'agreements', '--consumer': 'consumers', '--group': 'groups' };
const DIRECTORY_OPTIONS = new Set(['--repo']);
/** Arguments by name, and by command where the name alone does not say (`calendar export <id>`). */
const ID_ARGUMENTS: Readonly<Record<string, IdKind>> = { ticket: 'tickets', 'calendar export id': 'calendars' };
const DIRECTORY_ARGUMENTS = new Set(['path', 'dir', 'revisions-and-path']);
/** Arguments that take one of a few words, which commander does not check there (`completion --ids KIND [path]`). */
const ARGUMENT_CHOICES: Readonly<Record<string, readonly string[]>> = { 'completion shell': ['bash', 'zsh', 'fish'] };

/**
 * The program's commands, subcommands, options and arguments as commander holds them (what `--help` shows): the
 * completion scripts are generated from this, so they list what the program accepts and cannot drift from it.
 */
export function completionTree(program: Command): CompletionNode {
  const help = program.createHelp();
  const walk = (command: Command, path: string[]): CompletionNode => ({
    path,
    description: command.description(),
    subcommands: help
      .visibleCommands(command)
      .filter((c) => c.name() !== 'help')
      .map((c) => walk(c, [...path, c.name()])),
    options: help.visibleOptions(command).map((o) => optionOf(o)),
    arguments: command.registeredArguments.map((a): Completes => {
      const choices = a.argChoices ?? ARGUMENT_CHOICES[`${path.join(' ')} ${a.name()}`];
      if (choices !== undefined) return { choices };
      const kind = ID_ARGUMENTS[`${path.join(' ')} ${a.name()}`] ?? ID_ARGUMENTS[a.name()];
      if (kind !== undefined) return { ids: kind };
      return DIRECTORY_ARGUMENTS.has(a.name()) ? 'directories' : 'files';
    }),
  });
  return walk(program, []);
}

function optionOf(option: Option): CompletionOption {
  const flags = [option.short, option.long].filter((f): f is string => f !== undefined);
  const kind = option.long === undefined ? undefined : ID_OPTIONS[option.long];
  return {
    flags,
    description: option.description,
    takesValue: option.required,
    choices: option.argChoices ?? [],
    completes: kind !== undefined ? { ids: kind } : option.long !== undefined && DIRECTORY_OPTIONS.has(option.long) ? 'directories' : 'files',
  };
}

/** Every node of the tree, the program first, parents before children. */
export function nodesOf(root: CompletionNode): CompletionNode[] {
  return [root, ...root.subcommands.flatMap(nodesOf)];
}
