/**
 * Changed lines of a change set: a unified diff (`git diff --unified=0 base...head`) or the
 * `patch` fields of the pull request files endpoint. Only lines added or modified in the new
 * version count; deleted files and pure deletions change no line.
 */
export type ChangedLines = Map<string, Set<number>>;

function unquote(p: string): string {
  if (p.startsWith('"') && p.endsWith('"')) {
    return p.slice(1, -1).replace(/\\(["\\tn])/g, (_, c: string) => (c === 't' ? '\t' : c === 'n' ? '\n' : c));
  }
  return p;
}

/** Added line numbers of one file's hunks (`@@ -a,b +c,d @@` and the lines that follow). */
export function hunkLines(patch: string, into = new Set<number>()): Set<number> {
  let next = 0;
  for (const l of patch.split('\n')) {
    if (l.startsWith('@@')) {
      const m = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(l);
      next = m ? Number(m[1]) : 0;
    } else if (next > 0) {
      if (l.startsWith('+')) into.add(next++);
      else if (l.startsWith(' ')) next++;
      // '-' lines and '\ No newline' do not move the new-file counter
    }
  }
  return into;
}

export function parseUnifiedDiff(text: string): ChangedLines {
  const out: ChangedLines = new Map();
  let current: Set<number> | undefined;
  let next = 0;
  for (const raw of text.split('\n')) {
    const l = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (l.startsWith('diff --git ')) {
      current = undefined;
      next = 0;
    } else if (l.startsWith('+++ ')) {
      const p = unquote(l.slice(4).replace(/\t.*$/, ''));
      if (p === '/dev/null') current = undefined;
      else {
        const path = p.startsWith('b/') ? p.slice(2) : p;
        current = out.get(path) ?? new Set();
        out.set(path, current);
      }
    } else if (l.startsWith('@@')) {
      const m = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(l);
      next = m ? Number(m[1]) : 0;
    } else if (current && next > 0) {
      if (l.startsWith('+')) current.add(next++);
      else if (l.startsWith(' ')) next++;
    }
  }
  return out;
}

export interface PullFile {
  filename: string;
  status: string;
  patch?: string;
}

/** Changed lines from the PR files endpoint; files whose patch GitHub left out are listed. */
export function changedFromPullFiles(files: PullFile[]): { changed: ChangedLines; withoutPatch: string[] } {
  const changed: ChangedLines = new Map();
  const withoutPatch: string[] = [];
  for (const f of files) {
    if (f.status === 'removed') continue;
    if (f.patch === undefined) {
      if (f.status !== 'renamed' || f.patch !== undefined) withoutPatch.push(f.filename);
      continue;
    }
    changed.set(f.filename, hunkLines(f.patch));
  }
  return { changed, withoutPatch };
}
