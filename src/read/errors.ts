// A problem with an input (unreadable, corrupt, a bomb): its message is the one-line reason a user
// sees on stderr, next to the file's name. Never a stack trace.
export class InputError extends Error {}
