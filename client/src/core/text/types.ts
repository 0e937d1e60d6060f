/** A run of passage text with what covers it: a mention (clickable) and/or the highlighted span. */
export interface Segment {
  start: number;
  end: number;
  text: string;
  mention: { entityId: string; type: string; name: string } | null;
  highlighted: boolean;
}

export interface MentionSpan {
  start: number;
  end: number;
  entity: { id: string; type: string; name: string };
}
