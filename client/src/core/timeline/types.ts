/** When a dated thing happened or ran: a year, or a period from one year to another. */
export interface TimeSpan {
  start: number;
  end: number | null;
}
