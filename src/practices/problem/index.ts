export { PROBLEM_STATES, OPEN_STATES, problemFacts, stateOf, statusContext, type ProblemFacts, type ProblemState, type StatusContext } from './state.js';
export { downtimeOf, unionLength, type Downtime, type ServiceOutage } from './downtime.js';
export { AGE_BANDS, buildProblemReport, type KnownErrorRow, type ProblemImpactRow, type ProblemReport, type ProblemRow } from './report.js';
export { categoryOf, normaliseTitle, STOP_WORDS, type IncidentCategory } from './category.js';
export { DEFAULT_MIN, DEFAULT_WINDOW, recurrences, suggestProblems, type ProblemCandidate, type ProblemSuggestions, type SuggestOptions } from './suggest.js';
export { parseWindow } from './window.js';
