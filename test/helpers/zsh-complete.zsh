# Presses Tab in a real interactive zsh and prints what it completed; test/cli/completion.test.ts runs
#   zsh -f zsh-complete.zsh SETUP LINE...
# SETUP is a file the interactive shell sources first (what a ~/.zshrc would hold: compinit, the completion script,
# `itsm` as a command). Each LINE is typed, then Tab, then Ctrl-T (zsh-complete-probe.zsh), and printed is one block:
#   the command line after the Tab
#   each match zsh offered, one per line
# and an empty line after it. Keys are read by zsh in order, so Ctrl-T runs once the completion is done.
zmodload zsh/zpty || exit 3
setup=$1
shift
# The shell under test: no startup files, in a pseudo-terminal so that its line editor runs as for a person typing.
zpty inner 'zsh -f -i'
# Typed text is echoed, so the marker is written differently from how it prints (${:-@}@ prints @@). LISTMAX: zsh
# never stops to ask "do you wish to see all N possibilities?".
zpty -w inner "PS1='> ' PROMPT_EOL_MARK='' LISTMAX=10000; bindkey -e; { source ${(q)setup} && source ${(q)${0:A:h}}/zsh-complete-probe.zsh }; print -r -- \${:-@}@READY:\$?@@"
out=''
zpty -r inner out '*@@READY:<->@@*' || exit 4
if [[ $out != *@@READY:0@@* ]]; then
  print -ru2 -- "zsh-complete: sourcing $setup failed:"
  print -ru2 -- "${out//$'\r'/}"
  exit 5
fi
for line in "$@"; do
  zpty -n -w inner "$line"$'\t\x14'
  out=''
  zpty -r inner out '*@@END@@*' || exit 6
  block=${${out##*@@BEGIN@@}%%@@END@@*}
  print -r -- "${block//$'\r'/}"
  print
done
zpty -d inner
