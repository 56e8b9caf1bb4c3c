# Sourced by the interactive zsh that test/helpers/zsh-complete.zsh drives (after the completion script under test).
# It reports what a Tab did: Ctrl-T prints the command line and every match zsh added, between markers, then empties
# the line for the next one. The matches are the words compadd would add, read with `compadd -O` (zsh's own matching
# against the word typed has already filtered them); compadd then adds them as it would have.
typeset -ga __probe_matches
compadd() {
  # A compadd asked to store its words rather than add them (-O, -A, -D) is passed on as it is.
  if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then builtin compadd "$@"; return; fi
  local -a added
  builtin compadd -O added "$@"
  __probe_matches+=("${added[@]}")
  builtin compadd "$@"
}
__probe_show() {
  zle -I
  print -r -- "@@BEGIN@@$BUFFER"$'\n'"${(F)__probe_matches}@@END@@"
  __probe_matches=()
  BUFFER=''
}
zle -N __probe_show
bindkey '^T' __probe_show
