// Runs a compiled nearley grammar over the tokens of one record. The grammars' postprocessors
// return token *indexes*, so the parse of a token-type sequence is computed once and reused for
// every record of that shape: nearley's cost vanishes after the first line of each shape.
// Exactly one parse is expected; an ambiguous shape is recorded so a test can fail on it.
import nearley from 'nearley';
import type { Lexer, Token } from 'moo';

export interface Tokens {
  tokens: Token[];
  /** The token types, space-separated: the shape cache's key ('' when `code` stands in for it). */
  key: string;
  /** A number unique to the token-type sequence, from a hand-written lexer: a cheaper cache key. */
  code?: number;
  /** A hand-written lexer's direct access to token i, without building Token objects. */
  textAt?(i: number): string;
  typeAt?(i: number): string;
  /** Where token i starts in the record's text. */
  startAt?(i: number): number;
  count?: number;
}


/** Text of token i, through the direct access when the lexer has it. */
export function tokenText(t: Tokens, i: number): string {
  return t.textAt ? t.textAt(i) : t.tokens[i].text;
}

/** Type of token i. */
export function tokenType(t: Tokens, i: number): string {
  return t.typeAt ? t.typeAt(i) : (t.tokens[i].type ?? '');
}

/** How many tokens. */
export function tokenCount(t: Tokens): number {
  return t.count ?? t.tokens.length;
}

export interface ShapeParser<S> {
  /** Lex one record; null when the lexer finds no valid token (bad bytes). */
  lex(text: string): Tokens | null;
  /** Lex with the moo lexer even when a hand-written one stands in for it (tests compare them). */
  lexSlow(text: string): Tokens | null;
  /** The shape of a token sequence, or null when the grammar rejects it. */
  shape(t: Tokens): S | null;
  /** Token-type sequences that parsed more than one way (a grammar bug). */
  readonly ambiguous: Set<string>;
}

interface Replay {
  toks: Token[];
  i: number;
}

/** `fastLex`: a hand-written lexer giving the same tokens as `lexer`, used in its place. */
export function shapeParser<S>(compiled: nearley.CompiledRules, lexer: Lexer, fastLex?: (text: string) => Tokens): ShapeParser<S> {
  const cache = new Map<string, S | null>();
  const ambiguous = new Set<string>();
  const replay: Replay = { toks: [], i: 0 };
  const grammar = nearley.Grammar.fromCompiled(compiled);
  // A lexer that hands nearley the tokens we already have.
  grammar.lexer = {
    reset() {
      replay.i = 0;
    },
    next() {
      return replay.toks[replay.i++];
    },
    save() {
      return {};
    },
    formatError(tok: Token) {
      return `unexpected ${tok.type}`;
    },
    has() {
      return true;
    },
  } as unknown as nearley.Lexer;

  function lex(text: string): Tokens | null {
    const tokens: Token[] = [];
    let key = '';
    try {
      lexer.reset(text);
      let t = lexer.next();
      while (t !== undefined) {
        (t as Token & { index: number }).index = tokens.length;
        tokens.push(t);
        key += key ? ` ${t.type}` : (t.type ?? '');
        t = lexer.next();
      }
    } catch {
      return null; // moo throws on text no rule matches (e.g. a NUL where no fallback applies)
    }
    return { tokens, key };
  }

  const byCode = new Map<number, S | null>();

  function shape(t: Tokens): S | null {
    if (t.code !== undefined) {
      const hit = byCode.get(t.code);
      if (hit !== undefined) return hit;
      if (byCode.has(t.code)) return null;
      if (!t.key) t.key = t.tokens.map((x) => x.type).join(' ');
      const result = shapeOf(t);
      if (byCode.size < 10_000) byCode.set(t.code, result);
      return result;
    }
    return shapeOf(t);
  }

  function shapeOf(t: Tokens): S | null {
    const hit = cache.get(t.key);
    if (hit !== undefined || cache.has(t.key)) return hit ?? null;
    let result: S | null;
    try {
      replay.toks = t.tokens;
      const parser = new nearley.Parser(grammar);
      parser.feed('');
      if (parser.results.length > 1) ambiguous.add(t.key);
      result = parser.results.length > 0 ? (parser.results[0] as S) : null;
    } catch {
      result = null; // nearley throws on an unexpected token: the shape is not this grammar's
    }
    if (cache.size < 10_000) cache.set(t.key, result);
    return result;
  }

  return { lex: fastLex ?? lex, lexSlow: lex, shape, ambiguous };
}
