/** One function per aggregate builds its stream name; nothing else spells them. */
export const sourceStream = (id: string) => `source-${id}`;
export const incidentStream = (id: string) => `incident-${id}`;
export const investigationStream = (id: string) => `investigation-${id}`;
export const statementStream = (id: string) => `statement-${id}`;
export const situationStream = (id: string) => `situation-${id}`;
export const resolutionStream = (id: string) => `resolution-${id}`;
