// Casualty figures read from the dependency tree: each construction with sentences of our own.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { documentFromText } from '../src/ingest/index.ts';
import type { Claim, Outcome } from '../src/model/claim.ts';
import type { Document } from '../src/model/document.ts';
import { analyse } from '../src/pipeline/index.ts';
import { reconcile, totalOf } from '../src/incidents/reconcile.ts';

const run = (body: string): Document => analyse(documentFromText(`Report\n\n${body}`, { origin: 'test', published: '2024-04-04' }));
const casualties = (doc: Document) => doc.claims.filter((c) => c.kind === 'casualties' && c.repeats === undefined);
/** "victims: outcome min-max" for each claim, in order, compact enough to compare whole. */
const read = (doc: Document) =>
  casualties(doc).map((c: Claim) => `${c.subject?.text ?? '?'}: ${(Object.entries(c.figures ?? {}) as [Outcome, { min: number; max: number | null }][]).map(([o, q]) => `${o} ${q.min}-${q.max ?? ''}`).join(', ')}`);

describe('casualties from the tree', () => {
  it('reads the object of an active verb, not its subject (the cause)', () => {
    assert.deepEqual(read(run('Two roadside bombs killed nine soldiers near the checkpoint.')), ['soldiers: killed 9-9']);
    assert.deepEqual(read(run('The gunmen wounded 14 shoppers in the market on Friday.')), ['shoppers: injured 14-14']);
  });

  it('reads the subject of a passive verb and of "die"', () => {
    assert.deepEqual(read(run('At least 12 villagers were killed in the raid.')), ['villagers: killed 12-']);
    assert.deepEqual(read(run('Three firefighters died when the roof collapsed.')), ['firefighters: killed 3-3']);
  });

  it('splits coordinated victims into their own figures', () => {
    const r = read(run('Twenty people and the gunman were killed in the shooting.'));
    assert.deepEqual(r, ['people: killed 20-20', 'gunman: killed 1-1']);
  });

  it('reads a partitive as a part of the dead', () => {
    const doc = run('Eleven people were killed in the attack. Among the dead were four nurses.');
    const r = read(doc);
    assert.ok(r.includes('people: killed 11-11'), r.join(' | '));
    assert.ok(r.includes('nurses: killed 4-4'), r.join(' | '));
  });

  it('continues a bare figure with the victims before it in the sentence', () => {
    const r = read(run('A customs officer died and five others were wounded by the grenade.'));
    assert.deepEqual(r, ['customs officer: killed 1-1, injured 5-5']);
  });

  it('does not take a bare figure\'s victims from another sentence', () => {
    const doc = run('Eighteen were killed on Tuesday. Hundreds of soldiers patrolled the streets afterwards.');
    for (const c of casualties(doc)) assert.ok(!/soldiers/.test(c.subject?.text ?? ''), `victims from the next sentence: ${c.subject?.text}`);
  });

  it('reads zero outcomes as figures of zero', () => {
    assert.deepEqual(read(run('No soldiers were hurt in the exchange of fire.')), ['soldiers: injured 0-0']);
    const unharmed = read(run('The ambassador was unharmed, the ministry said.'));
    assert.deepEqual(unharmed, ['ambassador: injured 0-0']);
  });

  it('reads a result adjective\'s object', () => {
    assert.deepEqual(read(run('The explosion left 15 people dead.')), ['people: killed 15-15']);
  });

  it('does not count a rate as an incident\'s toll', () => {
    assert.deepEqual(read(run('Roughly 20 people are killed every week on the roads of the province.')), []);
  });

  it('reads a partitive whose count is the subject and whose predicate says who they were', () => {
    assert.deepEqual(read(run('Of the dead, nine were police officers.')), ['police officers: killed 9-9']);
  });

  it('reads single victims: a reflexive blast, "gunned down", "died of his wounds", a name', () => {
    assert.deepEqual(read(run('The attacker blew himself up near the bus station.')), ['attacker: killed 1-1']);
    assert.deepEqual(read(run('A pharmacist was gunned down outside his shop on Friday.')), ['pharmacist: killed 1-1']);
    assert.deepEqual(read(run('The guard later died of his wounds.')), ['guard: killed 1-1']);
  });

  it('reads "five killed, including a policeman" as a figure and its part', () => {
    const doc = run('Five killed, including a policeman, in a market blast');
    assert.deepEqual(read(doc), ['?: killed 5-5', 'policeman: killed 1-1']);
    const [whole, part] = casualties(doc);
    assert.equal(part.partOf, doc.claims.indexOf(whole));
  });

  it('reads a negated verb with "anyone" as a zero', () => {
    assert.deepEqual(read(run('The second device did not injure anyone, the police said.')), ['anyone: injured 0-0']);
  });

  it('skips an outcome only intended or threatened', () => {
    assert.deepEqual(read(run('The group threatened to kill ten hostages unless its demands were met.')), []);
  });

  it('reads "fatally shot", "shot and pronounced dead", and one victim taken to hospital who died there', () => {
    assert.deepEqual(read(run('A shopkeeper was fatally shot outside his kiosk.')), ['shopkeeper: killed 1-1']);
    assert.deepEqual(read(run('A courier was shot and pronounced dead in the doorway of his flat.')), ['courier: killed 1-1']);
    assert.deepEqual(read(run('He was taken to a hospital in the capital, where he died on Sunday.')), ['?: killed 1-1']);
  });

  it('reads a vague count with its noun', () => {
    assert.deepEqual(read(run('Dozens of protesters were injured during the clashes.')), ['protesters: injured 24-']);
  });

  it('reads "was shot" as a person hit (killed or injured), not when the next verb gives the outcome', () => {
    assert.deepEqual(read(run('A delivery driver was shot in the leg near the depot.')), ['delivery driver: killed_or_injured 1-1']);
    assert.deepEqual(read(run('Officers shot a man who had threatened them with a machete.')), ['man: killed_or_injured 1-1']);
    assert.deepEqual(read(run('A baker was shot and killed on Tuesday morning.')), ['baker: killed 1-1']);
    assert.deepEqual(read(run('Two kites were shot down over the border.')), []);
  });

  it('counts the hit less the killed as injured', () => {
    const doc = run('Three cyclists were shot near the bridge. One of them died later in hospital.');
    const figures = reconcile(doc, doc.claims.map((_, i) => i));
    assert.equal(totalOf(figures, 'killed')?.best, 1);
    assert.equal(totalOf(figures, 'injured')?.best, 2);
    const one = run('Marta Olsen was shot on the porch. She died at the scene.');
    const f = reconcile(one, one.claims.map((_, i) => i));
    assert.equal(totalOf(f, 'killed')?.best, 1);
    assert.equal(totalOf(f, 'injured') ?? null, null);
  });

  it('reads a name, with its appositive, as one victim', () => {
    assert.deepEqual(read(run('Pell Varga, a 44-year-old mechanic, was shot and killed Friday.')), ['Pell Varga: killed 1-1']);
  });

  it('reads the nouns of killing with their "of" phrase, and an age as no count', () => {
    assert.deepEqual(read(run('Detectives are looking into the fatal shooting of a cashier in Linden.')), ['cashier: killed 1-1']);
    assert.deepEqual(read(run('He was charged over the killing of 52-year-old Odile Brandt.')).map((r) => r.replace(/^.*: /, '')), ['killed 1-1']);
    assert.deepEqual(read(run('Neighbours marched against the murder of a shop owner last week.')), []);
  });

  it('reads "found shot to death" and "found shot and killed"', () => {
    assert.deepEqual(read(run('Relatives found Ivo Marsh shot to death in his garage.')), ['Ivo Marsh: killed 1-1']);
    assert.deepEqual(read(run('Deputies said Rana Holt was found shot and killed inside the trailer.')), ['Rana Holt: killed 1-1']);
  });

  it('reads a headline\'s bare singular noun as one victim', () => {
    assert.deepEqual(read(run('Teen dies after being shot near school')), ['Teen: killed 1-1']);
  });

  it('reads a death that set off a protest as its cause, not the protest\'s toll', () => {
    assert.deepEqual(read(run('Porters rallied after the sudden death of a colleague at the quay.')), []);
    assert.deepEqual(read(run('The death of a young apprentice at the mill sparked a protest.')), []);
    assert.deepEqual(read(run('A quarrel between two clans resulted in the death of a farmer.')), ['farmer: killed 1-1']);
  });

  it('reads "was killed and another injured" as two figures, not one lumped', () => {
    assert.deepEqual(read(run('A ranger was killed and another injured in the ambush.')), ['ranger: killed 1-1, injured 1-1']);
  });

  it('reads "shot dead" and a passive subject the tagger took for an adjective', () => {
    assert.deepEqual(read(run('Unknown men shot dead a money changer, police said.')), ['money changer: killed 1-1']);
  });

  it('reads a list of the victims after their toll as parts of it', () => {
    const doc = run('Seven people died in the blasts. They included three policemen, an old woman and a schoolboy.');
    assert.deepEqual(read(doc), ['people: killed 7-7', 'policemen: killed 3-3', 'old woman: killed 1-1', 'schoolboy: killed 1-1']);
    for (const c of casualties(doc).slice(1)) assert.equal(c.partOf, doc.claims.indexOf(casualties(doc)[0]));
    const r = read(run('Five people were killed. The dead were two drivers and a 12-year-old girl.'));
    assert.deepEqual(r, ['people: killed 5-5', 'drivers: killed 2-2', '12-year-old girl: killed 1-1']);
    assert.deepEqual(read(run('They included three new members of the board.')), []);
  });

  it('reads people hit, kept in hospital, and a perfect infinitive as reported', () => {
    assert.deepEqual(read(run('The navy says it believes to have hit four militants.')), ['militants: killed_or_injured 4-4']);
    assert.deepEqual(read(run('A shell hit the school on Monday.')), []);
    assert.deepEqual(read(run('Forty two people were kept in hospital overnight.')), ['people: injured 42-42']);
  });

  it('reads the victims of a counting noun from its modifier and the counter as its source', () => {
    const doc = run('The monitor recorded 40 to 60 civilian deaths last year.');
    assert.deepEqual(read(doc), ['civilian: killed 40-60']);
    assert.equal(casualties(doc)[0].source.name, 'monitor');
    assert.deepEqual(read(run('The ministry put the number of soldiers killed far lower.')), []);
  });

  it('counts a named person hurt and later dead among the killed only', () => {
    const doc = run('Lena Marsh was taken to a hospital with gunshot wounds. Doctors said Lena Marsh died there on Sunday.');
    const figures = reconcile(doc, doc.claims.map((_, i) => i));
    assert.equal(totalOf(figures, 'killed')?.best, 1);
    assert.equal(totalOf(figures, 'injured') ?? null, null);
  });
});
