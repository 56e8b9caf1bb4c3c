/** See validator-code.js. */
export function validatorModuleCode(schemas: Record<string, object>, formats: Record<string, unknown>): string;
