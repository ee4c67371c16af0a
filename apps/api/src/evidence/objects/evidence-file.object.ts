import { Field, Float, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('EvidenceFile', { description: 'A stored file, as cited: read its bytes at GET /evidence/<sha256>' })
export class EvidenceFileObject {
  @Field({ description: "Lower-case hex SHA-256 of the bytes (the file's name in the store)" }) sha256: string;
  @Field(() => Float, { description: 'Bytes' }) size: number;
  @Field({ description: 'Detected from the bytes on upload' }) mediaType: string;
  @Field() originalName: string;
  @Field(() => String, { nullable: true }) caption?: string;
  @Field({ description: 'Who uploaded it first' }) uploadedBy: string;
  @Field({ description: 'When it was first uploaded (ISO instant)' }) uploadedAt: string;
}

@ObjectType('IncidentEvidenceFile', { description: 'A stored file cited by the evidence on an incident' })
export class IncidentEvidenceFileObject extends EvidenceFileObject {
  @Field(() => [ID], { description: 'The corroborations, investigations and statements citing it' }) citedBy: string[];
}
