/** Build stages of a Dockerfile (`FROM image [AS name]`), in order, with the line each starts on. */
export interface Stage {
  name?: string;
  line: number;
}

export function dockerfileStages(text: string): Stage[] {
  const stages: Stage[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!.trim();
    // Join continuation lines so `FROM x \` + `AS y` is one instruction.
    while (line.endsWith('\\') && i + 1 < lines.length) line = line.slice(0, -1) + ' ' + lines[++i]!.trim();
    const m = /^FROM\s+(?:--\S+\s+)*\S+(?:\s+AS\s+(\S+))?\s*$/i.exec(line);
    if (m) stages.push({ ...(m[1] ? { name: m[1].toLowerCase() } : {}), line: i + 1 });
  }
  return stages;
}
