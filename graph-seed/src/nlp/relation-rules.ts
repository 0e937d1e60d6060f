/**
 * Relation triggers, kept as data. A rule names its trigger phrases (words; "*" stands for one
 * to three words, "**" for a place phrase: "signed in Lisbon, Portugal, by"), the types its left and right arguments may have, and which of the two is the
 * relation's source. The engine (engine.ts) applies every rule in every form the text uses:
 *   passive      "X was created by Y"              X left, Y right
 *   active       "Y established X"                 Y left, X right (no auxiliary before, no "by" after)
 *   appositive   "X, created under Y,"             the left gap may hold a comma
 *   relative     "X, which chairs Y"               the left gap may hold "which / that / who"
 *   coordinated  "X, Y and the Z vice-chair W"     every member of a list is an argument
 *   fronted      "With support from Y, ... X"      no left argument: the first fitting one after Y
 * Nominal forms, the deed said as a noun, are rules of their own (NOMINAL_RULES):
 *   "the ratification of the Convention by the Senate", "Japan's accession to the Convention".
 */
import type { EntityType, RelationType } from '../model/ontology';

export interface RelationRule {
  id: string;
  relation: RelationType;
  triggers: string[];
  /** Which argument is the relation's source. */
  source: 'left' | 'right';
  left: readonly EntityType[];
  right: readonly EntityType[];
  confidence: number;
  /** Active verbs: an auxiliary in the left gap or "by" after the trigger means a passive. */
  active?: boolean;
  /** When nothing fits on the left, take the first fitting argument after the right one. */
  fronted?: boolean;
  /** Verbs that may stand between the left argument and the trigger ("X sits within Y"). */
  verbs?: readonly string[];
  /** Words that, right before the trigger, make it an idiom: "on the" before "part of" ("on the part of Japan": by Japan). */
  notAfter?: readonly string[];
  /** Words that must follow the right argument (within three words): "as ... focal point". */
  then?: string;
  /**
   * The left argument may be anywhere before the trigger in the sentence: a list of members
   * named after the body ("MOI chairs this group, and there are vice-chairs, including X").
   */
  farLeft?: boolean;
  /** Both arguments touch the trigger: "the Ministry's Strategy" (a possessive). */
  adjacent?: boolean;
  /** The right argument touches the trigger: "its Treaty", not "its commitments under the Treaty". */
  rightAdjacent?: boolean;
  /** The left argument touches the trigger and follows one of these verbs: "created [a system] via [the Act]". */
  objectOf?: readonly string[];
  /**
   * The left argument is the sentence's subject: its first argument, with no other argument of
   * the left types between it and the trigger ("The Government has placed ... in its Plan").
   */
  subject?: boolean;
}

const MINISTRY_OR_BODY = ['Ministry', 'GovernmentBody', 'Committee'] as const;
const ORGANISATION = ['Ministry', 'GovernmentBody', 'Committee', 'InternationalOrganization', 'ResearchOrganization', 'Organization'] as const;
const ACTOR = [...ORGANISATION, 'Country', 'Region'] as const;
const INSTRUMENT = ['LegalInstrument', 'Policy', 'Agreement'] as const;
const WORK = ['Project', 'Programme', 'Dataset', 'Study'] as const;
const CREATED = [...ORGANISATION, 'Programme', 'Project', 'Dataset', 'Policy'] as const;
const CREATOR = [...ORGANISATION, 'LegalInstrument', 'Policy', 'Agreement', 'Country'] as const;
/** "established under", "set up in March 2004 under": made by an instrument, or placed below a body. */
const UNDER = ['created under', 'established under', 'set up under', 'constituted under', 'appointed under', 'organized under', 'organised under',
  'established in * under', 'created in * under', 'set up in * under', 'appointed in * under'];

export const RELATION_RULES: readonly RelationRule[] = [
  // creation
  { id: 'creation.passive', relation: 'ESTABLISHED_BY', source: 'left', left: CREATED, right: CREATOR, confidence: 0.9,
    triggers: ['created by', 'established by', 'set up by', 'founded by', 'formed by', 'instituted by', 'added to * by', 'created pursuant to', 'established pursuant to', 'created via', 'created through', 'constituted by',
      // "established in 1990 by the Act"
      'established in * by', 'created in * by', 'set up in * by', 'founded in * by'] },
  // "set up under the Water Act" is made by the Act; "set up under the Ministry" is placed below it (structure.established-under).
  { id: 'creation.under', relation: 'ESTABLISHED_BY', source: 'left', left: CREATED, right: ['LegalInstrument', 'Policy', 'Agreement'], confidence: 0.9,
    triggers: UNDER },
  { id: 'structure.established-under', relation: 'SUBORDINATE_TO', source: 'left', left: MINISTRY_OR_BODY, right: MINISTRY_OR_BODY, confidence: 0.75,
    triggers: UNDER },
  { id: 'creation.via', relation: 'ESTABLISHED_BY', source: 'left', left: ['Programme', 'Project'], right: ['LegalInstrument'], confidence: 0.75,
    objectOf: ['created', 'established', 'introduced', 'launched', 'instituted'], triggers: ['via', 'through', 'under', 'by means of'] },
  { id: 'creation.active', relation: 'ESTABLISHED_BY', source: 'right', left: CREATOR, right: CREATED, confidence: 0.8, active: true,
    triggers: ['created', 'creates', 'established', 'establishes', 'set up', 'sets up', 'founded', 'instituted'] },
  // leadership
  { id: 'leadership.chairs', relation: 'CHAIRS', source: 'left', left: ACTOR, right: MINISTRY_OR_BODY, confidence: 0.9, active: true,
    triggers: ['chairs', 'chaired', 'chair', 'co-chairs', 'co-chaired', 'co-chair', 'presides over', 'presided over', 'heads', 'headed', 'leads'] },
  { id: 'leadership.chaired-by', relation: 'CHAIRS', source: 'right', left: MINISTRY_OR_BODY, right: ACTOR, confidence: 0.9,
    triggers: ['chaired by', 'co-chaired by', 'headed by', 'led by', 'presided over by', 'presided by'] },
  { id: 'leadership.vice-chairs', relation: 'VICE_CHAIRS', source: 'left', left: ACTOR, right: MINISTRY_OR_BODY, confidence: 0.9, active: true,
    triggers: ['vice-chairs', 'vice-chair', 'vice-chaired', 'vice chairs'] },
  { id: 'leadership.vice-chairs-list', relation: 'VICE_CHAIRS', source: 'right', left: MINISTRY_OR_BODY, right: ACTOR, confidence: 0.75, farLeft: true,
    triggers: ['vice-chairs , including', 'vice-chairs include', 'vice-chairs are', 'vice-chairs :', 'co-chairs , including', 'co-chairs are'] },
  { id: 'leadership.members-list', relation: 'MEMBER_OF', source: 'right', left: ['Committee'], right: ACTOR, confidence: 0.75, farLeft: true,
    triggers: ['members , including', 'members include', 'members are', 'its members are', 'membership includes'] },
  { id: 'leadership.vice-chaired-by', relation: 'VICE_CHAIRS', source: 'right', left: MINISTRY_OR_BODY, right: ACTOR, confidence: 0.9,
    triggers: ['vice-chaired by', 'deputy-chaired by'] },
  // structure
  { id: 'structure.part-of', relation: 'PART_OF', source: 'left', left: [...CREATED, 'Country', 'Region', 'Province'], right: [...ORGANISATION, 'Project', 'Programme', 'Dataset', 'Country', 'Region'], confidence: 0.85,
    notAfter: ['on the'],
    triggers: ['part of', 'a component of', 'a unit of', 'a division of', 'a branch of', 'an agency of', 'an office of', 'a bureau of', 'an arm of', 'an organ of',
      'a subsidiary of', 'a department of', 'a section of', 'a subcommittee of', 'a committee of', 'a body of', 'a sub-unit of'] },
  // "the Forest Service in the Department of Agriculture": a unit named with the body it sits in.
  { id: 'structure.in', relation: 'SUBORDINATE_TO', source: 'left', left: MINISTRY_OR_BODY, right: ['Ministry', 'GovernmentBody'], confidence: 0.7, adjacent: true,
    triggers: ['in the', 'within the'] },
  { id: 'structure.under', relation: 'SUBORDINATE_TO', source: 'left', left: MINISTRY_OR_BODY, right: MINISTRY_OR_BODY, confidence: 0.75,
    verbs: ['sits', 'sit', 'operates', 'operate', 'falls', 'fall', 'functions', 'works', 'placed', 'housed', 'located', 'established', 'created', 'set'],
    triggers: ['under', 'within', 'attached to', 'subordinate to', 'placed under', 'under the secretariat of', 'within the secretariat of',
      'under the authority of', 'under the supervision of', 'under the control of', 'under the responsibility of', 'under the direction of'] },
  // "the Department of Commerce, including the Bureau of Corporations": a body named with its units.
  { id: 'structure.including', relation: 'PART_OF', source: 'right', left: ['Ministry', 'GovernmentBody'], right: ['GovernmentBody', 'Committee'], confidence: 0.7, adjacent: true,
    triggers: [', including', ', including the'] },
  // "The Bureau of Navigation has under its direction the War College and the Board of Inspection."
  { id: 'structure.oversees', relation: 'SUBORDINATE_TO', source: 'right', left: MINISTRY_OR_BODY, right: MINISTRY_OR_BODY, confidence: 0.75, active: true,
    triggers: ['oversees', 'oversaw', 'oversee', 'supervises', 'supervised', 'supervise', 'has under its direction', 'has under its control', 'has under its authority', 'has under its supervision', 'have under their direction', 'have under their control'] },
  { id: 'structure.reports-to', relation: 'REPORTS_TO', source: 'left', left: ORGANISATION, right: ORGANISATION, confidence: 0.9,
    triggers: ['reports to', 'report to', 'reporting to', 'accountable to', 'answerable to', 'reports directly to', 'responsible to', 'is responsible to', 'are responsible to'] },
  // "The Council consists of the Ministry of A, the Ministry of B and the Office C": its members.
  { id: 'structure.composition', relation: 'MEMBER_OF', source: 'right', left: ['Committee', 'GovernmentBody'], right: ACTOR, confidence: 0.8,
    triggers: ['consists of', 'consist of', 'comprises', 'comprise', 'is composed of', 'are composed of', 'is made up of', 'brings together', 'bring together'] },
  // "The Steering Committee includes the Ministry of A and the Office B": a committee's members.
  { id: 'structure.committee-includes', relation: 'MEMBER_OF', source: 'right', left: ['Committee'], right: ACTOR, confidence: 0.75, active: true,
    triggers: ['includes', 'include', 'included', 'includes representatives of', 'include representatives of', 'comprises representatives of', 'brings together representatives of'] },
  // funding
  { id: 'funding.passive', relation: 'FUNDED_BY', source: 'left', left: [...WORK, ...ORGANISATION], right: [...ORGANISATION, 'Programme', 'Country'], confidence: 0.9, fronted: true,
    triggers: ['receives funding from', 'received funding from', 'receive funding from', 'receives financing from', 'received financing from', 'receives financial support from', 'received financial support from',
      'funded by', 'co-funded by', 'financed by', 'co-financed by', 'sponsored by', 'with financial support from', 'with funding from', 'with financial assistance from', 'financially supported by',
      'funded through', 'financed through', 'funded from', 'financed from', 'funded out of', 'paid for by'] },
  { id: 'funding.active', relation: 'FUNDED_BY', source: 'right', left: [...ORGANISATION, 'Programme', 'Country'], right: [...WORK, ...ORGANISATION], confidence: 0.85, active: true,
    triggers: ['provided funding to', 'provided financial support to', 'provides funding to', 'funds', 'funded', 'co-funded', 'financed', 'co-financed', 'sponsored',
      'fund', 'finance', 'finances', 'co-finance', 'co-fund', 'sponsor', 'sponsors', 'provide funding to'] },
  // work
  { id: 'work.conducted', relation: 'CONDUCTED_BY', source: 'right', left: ORGANISATION, right: WORK, confidence: 0.85, active: true,
    triggers: ['conducted', 'conducts', 'carried out', 'carries out', 'launched', 'launches', 'undertook', 'undertakes', 'managed', 'manages', 'administers', 'administered', 'ran', 'runs', 'implemented', 'implements', 'coordinated',
      // plural subjects: "the Ministry of A and the Ministry of B manage the Programme"
      'conduct', 'carry out', 'undertake', 'manage', 'administer', 'run', 'implement', 'coordinate', 'coordinates'] },
  { id: 'work.conducted-by', relation: 'CONDUCTED_BY', source: 'left', left: WORK, right: ORGANISATION, confidence: 0.85,
    triggers: ['conducted by', 'carried out by', 'launched by', 'managed by', 'administered by', 'run by', 'undertaken by', 'implemented by', 'coordinated by'] },
  { id: 'work.implemented-by', relation: 'IMPLEMENTS', source: 'right', left: INSTRUMENT, right: ORGANISATION, confidence: 0.85,
    triggers: ['implemented by', 'enforced by', 'put into effect by'] },
  // "The Labour Office enforces the Labour Code", "X is responsible for implementing the Y Policy".
  { id: 'work.implements', relation: 'IMPLEMENTS', source: 'left', left: ORGANISATION, right: INSTRUMENT, confidence: 0.8, active: true,
    triggers: ['implements', 'implemented', 'implement', 'enforces', 'enforced', 'enforce', 'administers', 'administered', 'administer', 'oversees the implementation of', 'oversaw the implementation of', 'coordinates the implementation of',
      'coordinated the implementation of', 'leads the implementation of', 'led the implementation of'] },
  { id: 'work.responsible-implementing', relation: 'IMPLEMENTS', source: 'left', left: ORGANISATION, right: INSTRUMENT, confidence: 0.8,
    triggers: ['responsible for implementing', 'responsible for the implementation of', 'in charge of implementing', 'in charge of the implementation of',
      'responsible for enforcing', 'responsible for the enforcement of', 'in charge of enforcing', 'tasked with implementing', 'charged with implementing',
      'charged with the implementation of', 'charged with enforcing', 'charged with the enforcement of'] },
  // "The Employment Agency is in charge of the Youth Jobs Programme": a named work a body answers for.
  { id: 'work.responsible', relation: 'RESPONSIBLE_FOR', source: 'left', left: ORGANISATION, right: ['Programme', 'Project', 'Dataset', 'Policy'], confidence: 0.75,
    triggers: ['responsible for', 'in charge of', 'has responsibility for', 'have responsibility for', 'tasked with', 'charged with', 'responsible for managing',
      'responsible for running', 'responsible for administering', 'in charge of managing', 'in charge of running', 'responsible for the management of', 'in charge of the management of'] },
  { id: 'work.focal-point', relation: 'FOCAL_POINT_OF', source: 'right', left: [...WORK, ...ORGANISATION], right: ORGANISATION, confidence: 0.9,
    triggers: ['worked with', 'works with', 'work with', 'collaborated with', 'partnered with'], then: 'focal point' },
  { id: 'work.partner', relation: 'PARTICIPATES_IN', source: 'right', left: ['Project', 'Programme'], right: ORGANISATION, confidence: 0.75,
    triggers: ['worked with', 'works with', 'collaborated with', 'partnered with', 'in partnership with', 'in co-operation with', 'in cooperation with',
      // Support is not said to be money: the supporter takes part, and is not read as a funder.
      'supported by', 'with support from', 'with the support of', 'with technical support from', 'with assistance from', 'with the assistance of', 'assisted by'] },
  { id: 'work.participates', relation: 'MEMBER_OF', source: 'left', left: ACTOR, right: ['Committee'], confidence: 0.85,
    triggers: ['participates in', 'participated in', 'takes part in', 'took part in', 'sits on', 'is a member of', 'are members of', 'a member of', 'became a member of', 'joined',
      'is represented on', 'are represented on', 'is represented in', 'are represented in'] },
  { id: 'work.member', relation: 'MEMBER_OF', source: 'left', left: ACTOR, right: ['InternationalOrganization', 'Organization', 'GovernmentBody'], confidence: 0.8,
    triggers: ['is a member of', 'are members of', 'became a member of', 'a member of', 'joined', 'acceded to', 'rejoined'] },
  // agreements
  { id: 'agreement.signed', relation: 'SIGNED', source: 'left', left: ACTOR, right: ['Agreement'], confidence: 0.85, active: true,
    triggers: ['signed', 'signs', 'sign', 'concluded', 'entered into'] },
  { id: 'agreement.signed-by', relation: 'SIGNED', source: 'right', left: ['Agreement'], right: ACTOR, confidence: 0.85,
    // "signed in Lisbon, Portugal, by France, Italy and Spain": where it was signed, then who.
    triggers: ['signed by', 'concluded by', 'signed between', 'concluded between', 'signed in * between', 'concluded in * between', 'signed in ** by', 'signed at ** by', 'concluded in ** by', 'concluded at ** by'] },
  // "the Treaty of Portsmouth between Japan and Russia", "the Convention with Peru": the parties named with the agreement.
  { id: 'agreement.between', relation: 'PARTY_TO', source: 'right', left: ['Agreement'], right: ACTOR, confidence: 0.8, adjacent: true,
    triggers: ['between', 'between the', ', between', ', between the', 'with', 'with the'] },
  // "The United States in its Treaty of 1903 with China obtained ...": the subject's own agreement.
  { id: 'agreement.its', relation: 'PARTY_TO', source: 'left', left: ACTOR, right: ['Agreement'], confidence: 0.65, subject: true, rightAdjacent: true,
    triggers: ['its', 'their'] },
  { id: 'agreement.ratified', relation: 'PARTY_TO', source: 'left', left: ACTOR, right: ['Agreement', 'LegalInstrument'], confidence: 0.85, active: true,
    triggers: ['ratified', 'ratifies', 'acceded to', 'accedes to'] },
  { id: 'agreement.ratified-by', relation: 'PARTY_TO', source: 'right', left: ['Agreement', 'LegalInstrument'], right: ACTOR, confidence: 0.85,
    triggers: ['ratified by'] },
  // law
  { id: 'law.amends', relation: 'AMENDS', source: 'left', left: INSTRUMENT, right: INSTRUMENT, confidence: 0.9, active: true,
    triggers: ['amends', 'amended', 'amending', 'modifies', 'modified'] },
  { id: 'law.amended-by', relation: 'AMENDS', source: 'right', left: INSTRUMENT, right: INSTRUMENT, confidence: 0.9,
    triggers: ['amended by', 'modified by', 'as amended by'] },
  { id: 'law.repeals', relation: 'REPEALS', source: 'left', left: INSTRUMENT, right: INSTRUMENT, confidence: 0.9, active: true,
    triggers: ['repeals', 'repealed', 'revokes', 'revoked', 'abrogates', 'abrogated', 'replaces', 'replaced'] },
  { id: 'law.repealed-by', relation: 'REPEALS', source: 'right', left: INSTRUMENT, right: INSTRUMENT, confidence: 0.9,
    triggers: ['repealed by', 'revoked by', 'abrogated by', 'replaced by'] },
  { id: 'law.appointed-by', relation: 'APPOINTED_BY', source: 'left', left: ORGANISATION, right: [...ORGANISATION, 'LegalInstrument'], confidence: 0.85,
    triggers: ['appointed by', 'nominated by', 'designated by', 'named by'] },
  { id: 'law.appoints', relation: 'APPOINTED_BY', source: 'right', left: ORGANISATION, right: ORGANISATION, confidence: 0.8, active: true,
    triggers: ['appoints', 'appointed', 'nominates', 'designates'] },
  // "the Ministry's Health Strategy", "the Bank's Plans 2010-2013 and 2014-2018": a body's own plan.
  { id: 'law.possessive', relation: 'ISSUED_BY', source: 'right', left: ORGANISATION, right: ['Policy'], confidence: 0.7, adjacent: true,
    triggers: ["'s", '’s'] },
  // "The Government has placed agriculture at the centre of its 2014-2018 Development Plan": the
  // subject's own plan.
  { id: 'law.its', relation: 'ISSUED_BY', source: 'right', left: ORGANISATION, right: ['Policy'], confidence: 0.65, subject: true,
    triggers: ['its'] },
  { id: 'law.issued-by', relation: 'ISSUED_BY', source: 'left', left: [...INSTRUMENT, 'Programme'], right: ACTOR, confidence: 0.85,
    triggers: ['issued by', 'adopted by', 'enacted by', 'promulgated by', 'passed by', 'formulated by', 'introduced by', 'approved by'] },
  // A policy is also drawn up and launched by its body ("the Strategy prepared by the Ministry"); a law
  // drafted by one body is passed by another, so these verbs are read for policies only.
  { id: 'policy.prepared-by', relation: 'ISSUED_BY', source: 'left', left: ['Policy'], right: ACTOR, confidence: 0.8,
    triggers: ['prepared by', 'developed by', 'drafted by', 'drawn up by', 'elaborated by', 'launched by', 'unveiled by', 'published by'] },
  { id: 'policy.prepared', relation: 'ISSUED_BY', source: 'right', left: ACTOR, right: ['Policy'], confidence: 0.8, active: true,
    triggers: ['prepared', 'prepares', 'developed', 'develops', 'drafted', 'drew up', 'elaborated', 'launched', 'launches', 'unveiled', 'published'] },
  { id: 'law.issued', relation: 'ISSUED_BY', source: 'right', left: ACTOR, right: INSTRUMENT, confidence: 0.85, active: true,
    triggers: ['issued', 'issues', 'adopted', 'adopts', 'enacted', 'enacts', 'promulgated', 'passed', 'formulated', 'introduced', 'approved', 'issue', 'adopt', 'enact', 'approve', 'approves'] },
];

/**
 * A deed said as a noun: "the accession of X to Y", "the ratification of Y by X", "X's
 * accession to Y". The agent and the object are the arguments after the prepositions named
 * (each may be a list: "by X, Y and Z"); a possessive before the noun is the agent.
 */
export interface NominalRule {
  id: string;
  relation: RelationType;
  nouns: string[];
  /** Prepositions before the agent ("by"); the possessor ("X's accession") is the agent too. */
  agent: string[];
  /** Prepositions before the object ("of"). */
  object: string[];
  /** Which of the two is the relation's source. */
  source: 'agent' | 'object';
  agentTypes: readonly EntityType[];
  objectTypes: readonly EntityType[];
  confidence: number;
}

const AGREEMENT_OR_LAW = ['Agreement', 'LegalInstrument'] as const;

export const NOMINAL_RULES: readonly NominalRule[] = [
  { id: 'nominal.accession', relation: 'PARTY_TO', nouns: ['accession', 'adherence', 'adhesion'], agent: ['of'], object: ['to'], source: 'agent', agentTypes: ACTOR, objectTypes: AGREEMENT_OR_LAW, confidence: 0.8 },
  { id: 'nominal.accession-member', relation: 'MEMBER_OF', nouns: ['accession', 'admission'], agent: ['of'], object: ['to', 'into'], source: 'agent', agentTypes: ACTOR, objectTypes: ['InternationalOrganization', 'Organization', 'Committee'], confidence: 0.8 },
  { id: 'nominal.ratification', relation: 'PARTY_TO', nouns: ['ratification', 'ratifications'], agent: ['by'], object: ['of'], source: 'agent', agentTypes: ACTOR, objectTypes: AGREEMENT_OR_LAW, confidence: 0.8 },
  { id: 'nominal.signature', relation: 'SIGNED', nouns: ['signing', 'signature'], agent: ['by'], object: ['of'], source: 'agent', agentTypes: ACTOR, objectTypes: ['Agreement'], confidence: 0.8 },
  { id: 'nominal.creation', relation: 'ESTABLISHED_BY', nouns: ['establishment', 'creation', 'founding', 'formation', 'institution'], agent: ['by', 'under', 'through'], object: ['of'], source: 'object', agentTypes: CREATOR, objectTypes: CREATED, confidence: 0.8 },
  { id: 'nominal.adoption', relation: 'ISSUED_BY', nouns: ['adoption', 'enactment', 'promulgation', 'passage', 'issuance', 'approval'], agent: ['by'], object: ['of'], source: 'object', agentTypes: ACTOR, objectTypes: [...INSTRUMENT, 'Programme'], confidence: 0.8 },
  { id: 'nominal.amendment', relation: 'AMENDS', nouns: ['amendment', 'revision', 'modification'], agent: ['by'], object: ['of'], source: 'agent', agentTypes: INSTRUMENT, objectTypes: INSTRUMENT, confidence: 0.8 },
  { id: 'nominal.repeal', relation: 'REPEALS', nouns: ['repeal', 'revocation', 'abrogation'], agent: ['by'], object: ['of'], source: 'agent', agentTypes: INSTRUMENT, objectTypes: INSTRUMENT, confidence: 0.8 },
  { id: 'nominal.appointment', relation: 'APPOINTED_BY', nouns: ['appointment', 'nomination', 'designation'], agent: ['by'], object: ['of'], source: 'object', agentTypes: [...ORGANISATION, 'LegalInstrument'], objectTypes: ORGANISATION, confidence: 0.75 },
  { id: 'nominal.funding', relation: 'FUNDED_BY', nouns: ['funding', 'financing', 'sponsorship', 'sponsoring'], agent: ['by', 'from'], object: ['of', 'for'], source: 'object', agentTypes: [...ORGANISATION, 'Programme', 'Country'], objectTypes: [...WORK, ...ORGANISATION], confidence: 0.8 },
  { id: 'nominal.enforcement', relation: 'IMPLEMENTS', nouns: ['implementation', 'enforcement', 'administration'], agent: ['by'], object: ['of'], source: 'agent', agentTypes: ORGANISATION, objectTypes: INSTRUMENT, confidence: 0.8 },
  { id: 'nominal.conduct', relation: 'CONDUCTED_BY', nouns: ['implementation', 'administration', 'management', 'conduct'], agent: ['by'], object: ['of'], source: 'object', agentTypes: ORGANISATION, objectTypes: WORK, confidence: 0.8 },
];
