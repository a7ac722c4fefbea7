import { demoDecision, type DemoStartFacts } from './demo-at-start';

const newcomer: DemoStartFacts = {
  setting: 'auto',
  database: 'embedded',
  registryEmpty: true,
  loadedBefore: false,
};

describe('demoDecision', () => {
  it('loads into an empty embedded database on its first start', () => {
    expect(demoDecision(newcomer)).toBe('load');
  });

  it('never loads with DEMO_DATA=false', () => {
    expect(demoDecision({ ...newcomer, setting: 'false' })).toBe('not loaded (DEMO_DATA=false)');
  });

  it('leaves a DATABASE_URL database alone unless asked, and says how to ask', () => {
    expect(demoDecision({ ...newcomer, database: 'external' })).toMatch(
      /DATABASE_URL database \(DEMO_DATA=true or npm run seed:demo/,
    );
    expect(demoDecision({ ...newcomer, database: 'external', setting: 'true' })).toBe('load');
  });

  it('does not add demo records to a registry that already holds data', () => {
    expect(demoDecision({ ...newcomer, registryEmpty: false })).toMatch(/already holds data/);
  });

  it('says so when an earlier start loaded it, and DEMO_DATA=true tops it up', () => {
    const later = { ...newcomer, registryEmpty: false, loadedBefore: true };
    expect(demoDecision(later)).toBe('loaded at an earlier start');
    expect(demoDecision({ ...later, setting: 'true' })).toBe('load');
  });
});
