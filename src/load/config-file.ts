/** The file at the root of every repository that holds its Config document. */
export const CONFIG_FILE = 'itsm.yaml';
