/**
 * The fields that list the entities across an entity's relations: per GraphQL type, the
 * direction and relation types each one follows. The resolvers read them, and so do the cost
 * bounds (a field lists at most as many entities as an entity has relations of its types).
 */
import type { Direction } from '../store/GraphStore';

export type Hop = [Direction, string[]];

/** Per GraphQL type, the fields that list related entities: direction and relation types. */
export const RELATED: Record<string, Record<string, Hop>> = {
  Organization: {
    parents: ['OUT', ['PART_OF', 'SUBORDINATE_TO']],
    units: ['IN', ['PART_OF', 'SUBORDINATE_TO']],
    chairs: ['OUT', ['CHAIRS']],
    viceChairs: ['OUT', ['VICE_CHAIRS']],
    chairedBy: ['IN', ['CHAIRS']],
    viceChairedBy: ['IN', ['VICE_CHAIRS']],
    members: ['IN', ['MEMBER_OF']],
    memberOf: ['OUT', ['MEMBER_OF']],
    participants: ['IN', ['PARTICIPATES_IN']],
    participatesIn: ['OUT', ['PARTICIPATES_IN']],
    focalPoints: ['IN', ['FOCAL_POINT_OF']],
    focalPointOf: ['OUT', ['FOCAL_POINT_OF']],
    issued: ['IN', ['ISSUED_BY']],
    published: ['IN', ['PUBLISHED_BY']],
    funds: ['IN', ['FUNDED_BY']],
    conducts: ['IN', ['CONDUCTED_BY']],
    implements: ['OUT', ['IMPLEMENTS']],
    partyTo: ['OUT', ['PARTY_TO']],
    predecessors: ['IN', ['PREDECESSOR_OF']],
    successors: ['OUT', ['PREDECESSOR_OF']],
    establishedBy: ['OUT', ['ESTABLISHED_BY']],
    responsibleFor: ['OUT', ['RESPONSIBLE_FOR']],
    mandatedBy: ['IN', ['MANDATES']],
  },
  Study: {
    people: ['OUT', ['AUTHORED_BY']],
    publishers: ['OUT', ['PUBLISHED_BY']],
    usesData: ['OUT', ['USES_DATA']],
    supports: ['IN', ['SUPPORTED_BY']],
  },
  LegalInstrument: {
    establishes: ['IN', ['ESTABLISHED_BY']],
    governs: ['OUT', ['GOVERNS']],
    mandates: ['OUT', ['MANDATES']],
    issuedBy: ['OUT', ['ISSUED_BY']],
    supersedes: ['OUT', ['SUPERSEDES']],
    supersededBy: ['IN', ['SUPERSEDES']],
  },
  Agreement: {
    parties: ['IN', ['PARTY_TO']],
    implementedBy: ['IN', ['IMPLEMENTS']],
  },
  Policy: {
    issuedBy: ['OUT', ['ISSUED_BY']],
    mandates: ['OUT', ['MANDATES']],
    promotes: ['OUT', ['PROMOTES']],
    about: ['OUT', ['ABOUT']],
  },
  Activity: {
    fundedBy: ['OUT', ['FUNDED_BY']],
    conductedBy: ['OUT', ['CONDUCTED_BY']],
    partOf: ['OUT', ['PART_OF']],
    usedBy: ['IN', ['USES_DATA']],
    parts: ['IN', ['PART_OF']],
    governedBy: ['IN', ['GOVERNS']],
    promotedBy: ['IN', ['PROMOTES']],
    responsibleBodies: ['IN', ['RESPONSIBLE_FOR']],
    covers: ['OUT', ['COVERS']],
  },
  Place: {
    statistics: ['IN', ['MEASURES']],
    agreements: ['OUT', ['PARTY_TO']],
    coveredBy: ['IN', ['COVERS']],
    locatedIn: ['OUT', ['LOCATED_IN']],
    places: ['IN', ['LOCATED_IN']],
  },
  Statistic: {
    measures: ['OUT', ['MEASURES']],
  },
  Recommendation: {
    about: ['OUT', ['ABOUT']],
    basedOn: ['OUT', ['SUPPORTED_BY']],
  },
  Finding: {
    citations: ['OUT', ['SUPPORTED_BY']],
    about: ['OUT', ['ABOUT']],
    recommendations: ['IN', ['SUPPORTED_BY']],
  },
  Thing: {
    subjectOf: ['IN', ['ABOUT']],
    authored: ['IN', ['AUTHORED_BY']],
    measuredBy: ['IN', ['MEASURES']],
  },
};
