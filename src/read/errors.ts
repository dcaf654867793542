// A problem with an input (unreadable, corrupt, a bomb): its message is the one-line reason a user
// sees on stderr, next to the file's name. Never a stack trace. `reasonOf` turns the errors that
// reading a file can raise (ENOENT, EACCES, ...) into the same kind of short reason.
export class InputError extends Error {}

/** A short, path-free reason for an error met while reading an input. */
export function reasonOf(err: unknown): string {
  if (err instanceof InputError) return err.message;
  const e = err as NodeJS.ErrnoException | undefined;
  switch (e?.code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'EIO':
      return 'input/output error';
    case 'ENOTDIR':
      return 'not a directory';
    default:
      return e?.message ?? String(err);
  }
}
