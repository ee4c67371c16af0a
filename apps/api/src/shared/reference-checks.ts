import { Injectable } from '@nestjs/common';
import { notFound } from '@app/domain';
import type { KeyedWrite, Lookups } from '@app/read-store';
import { unavailable } from '../graphql/error-codes';
import { ReadStoreService } from '../read-store/read-store.service';
import { ReferenceData } from '../reference/reference-data';

/**
 * Existence checks for what a command refers to in OTHER aggregates (NOT_FOUND otherwise), and the lookups
 * handlers make before deciding (where merges lead, a State's source), against this instance's projection file's
 * live rows: up to date with this instance's own writes, since a mutation answers once the file shows its write,
 * unless it is late (README, Operations, read-your-writes), when a reference it has not shown yet is refused and
 * nothing is written. The command line keeps the file live as the service does.
 */
@Injectable()
export class ReferenceChecks {
  constructor(
    private readonly reference: ReferenceData,
    private readonly file: ReadStoreService,
  ) {}

  /** UNAVAILABLE while the file is not following the store (catching up at start, or swapping in a rebuilt one). */
  private get lookups(): Lookups {
    const lookups = this.file.lookups;
    if (lookups === null) throw unavailable();
    return lookups;
  }

  /**
   * What an idempotency key wrote, when the read side knows it; never unavailable: a retry the read side has not
   * shown yet is recognised from the store, when its stream is read.
   */
  keyedWrite(key: string): KeyedWrite | undefined {
    return this.file.lookups?.keyedWrite(key);
  }

  source(id: string, field: string): void {
    if (this.lookups.sourceName(id) === undefined) throw notFound(`No source with id ${id}`, field);
  }

  /** A source's name; undefined when there is none. */
  sourceName(id: string): string | undefined {
    return this.lookups.sourceName(id);
  }

  /** The source a merged duplicate was folded into (followed to the end); the id itself when never merged. */
  canonicalSourceId(id: string): string {
    return this.lookups.canonicalSourceId(id);
  }

  /** The registered source of a State (kind STATE), if any. */
  stateSourceId(stateCode: string): string | undefined {
    return this.lookups.stateSourceId(stateCode);
  }

  /** Returns the canonical id (a merged duplicate resolves to the incident it was merged into). */
  incident(id: string, field: string): string {
    const canonical = this.lookups.canonicalIncidentId(id);
    if (canonical === undefined) throw notFound(`No incident with id ${id}`, field);
    return canonical;
  }

  incidents(ids: string[], field: string): string[] {
    return [...new Set(ids.map((id) => this.incident(id, field)))];
  }

  /**
   * Whether a corroboration was logged on an incident merged into `incidentId` (canonical): the incident shows it,
   * its own stream does not hold it. Anything else (its own, another incident's, none yet shown) is for the decider.
   */
  loggedOnMergedDuplicate(incidentId: string, corroborationId: string): boolean {
    const logged = this.lookups.corroborationIncidentId(corroborationId);
    return logged !== undefined && logged !== incidentId && this.lookups.canonicalIncidentId(logged) === incidentId;
  }

  /** The incident a corroboration of `incidentId` (canonical) was logged on: itself or a merged duplicate. */
  corroborationOf(incidentId: string, corroborationId: string, field: string): string {
    const lookups = this.lookups;
    const logged = lookups.corroborationIncidentId(corroborationId);
    if (logged === undefined || lookups.canonicalIncidentId(logged) !== incidentId) {
      throw notFound(`No corroboration ${corroborationId} on incident ${incidentId}`, field);
    }
    return logged;
  }

  investigation(id: string, field: string): void {
    if (!this.lookups.investigationExists(id)) throw notFound(`No investigation with id ${id}`, field);
  }

  statement(id: string, field: string): void {
    if (!this.lookups.statementExists(id)) throw notFound(`No statement with id ${id}`, field);
  }

  situation(id: string, field: string): void {
    if (!this.lookups.situationExists(id)) throw notFound(`No situation with id ${id}`, field);
  }

  states(codes: string[], field: string): void {
    const unknown = codes.find((code) => !this.reference.isKnownCountry(code));
    if (unknown) throw notFound(`No State with ISO 3166-1 alpha-3 code ${unknown}`, field);
  }
}
