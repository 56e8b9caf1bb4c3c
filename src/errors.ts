/** A mistake in how the command was called (unknown option, missing folder): exit code 2, one line, no stack. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Input data that cannot be processed at all (as opposed to data with diagnostics): exit code 2, one line. */
export class DataError extends Error {
  override readonly name = 'DataError';
}
