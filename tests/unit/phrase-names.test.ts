import { describe, expect, it } from 'vitest';
import { statisticName } from '../../graph-seed/src/stages/statistics';
import { leadingPhrases, phraseAround } from '../../graph-seed/src/stages/text';

const nameOf = (clause: string, figure: string) => statisticName(clause, clause.indexOf(figure), clause.indexOf(figure) + figure.length);

describe('names made from sentences are whole phrases, never cut', () => {
  it('names a statistic by the phrase that holds its figure', () => {
    expect(nameOf("2 million Cambodian migrants in 2015, equivalent to around 7.6% of Cambodia's total population", '7.6%')).toBe("Equivalent to around 7.6% of Cambodia's total population");
    expect(nameOf('In 2015, the inflow of remittances to Cambodia reached USD 542 million, constituting 3% of GDP', 'USD 542 million')).toBe(
      'The inflow of remittances to Cambodia reached USD 542 million',
    );
    expect(nameOf('The monthly minimum wage in Cambodia is USD 140', 'USD 140')).toBe('The monthly minimum wage in Cambodia is USD 140');
  });

  it('takes in the neighbouring phrase when the figure stands alone', () => {
    expect(nameOf('most emigrants went to Thailand (55%)', '55%')).toBe('Most emigrants went to Thailand (55%)');
    expect(nameOf('households with a migrant, 34%, and the rest', '34%')).toBe('Households with a migrant, 34%');
  });

  it('drops an opening conjunction or relative word', () => {
    expect(phraseAround('wages rose, and 12% of workers moved abroad', 16, 19)).toBe('12% of workers moved abroad');
  });

  it('keeps a short statement whole and cuts a long one at a phrase boundary', () => {
    expect(leadingPhrases('Remittances reduce poverty', 90)).toBe('Remittances reduce poverty');
    const long = 'Households with an emigrant are more likely to run a business, while those with a return migrant invest more in agricultural land and livestock than others';
    const short = leadingPhrases(long, 90);
    expect(short).toBe('Households with an emigrant are more likely to run a business');
    expect(long.startsWith(short)).toBe(true);
  });

  it('keeps a long first phrase whole rather than cutting it inside', () => {
    const one = 'Households in rural provinces that receive remittances from members working in neighbouring countries spend more on education';
    expect(leadingPhrases(one, 40)).toBe('Households in rural provinces');
    const none = 'Remittance receiving households in rural provinces of the north spend noticeably more on schooling for their children every year';
    expect(leadingPhrases(none, 40)).toBe(none);
  });
});
