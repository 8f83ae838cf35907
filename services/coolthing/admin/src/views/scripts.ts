import { z } from '@switchyard/kit';
import type { ScriptSummaryRow } from '../repositories/scripts';
import { isoOrThrow } from './common';

export const ScriptIssueSchema = z
  .object({
    code: z.string(),
    path: z.string(),
    line: z.number().int().optional(),
    column: z.number().int().optional(),
    row: z.number().int().optional(),
    offset: z.number().int().optional(),
    length: z.number().int().optional(),
    message: z.string(),
  })
  .openapi('ScriptIssue');

export const VariantCountSchema = z
  .object({
    perLine: z.array(z.number()),
    total: z.number(),
    saturated: z.boolean(),
    limit: z.number(),
  })
  .openapi('VariantCount');

export const ScriptSummarySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    language: z.string(),
    version: z.number().int(),
    rolesCount: z.number().int(),
    linesCount: z.number().int(),
    variantsTotal: z.number(),
    createdBy: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('ScriptSummary');

/** The script JSON as the engine reads it (see domain/coolthing-script/README.md). */
export const ScriptBodySchema = z.record(z.string(), z.unknown()).openapi('ScriptBody', {
  description: 'A script: name, language, roles, lines, optional branches (domain/coolthing-script).',
});

export const ScriptSchema = ScriptSummarySchema.extend({
  script: ScriptBodySchema,
  warnings: z.array(ScriptIssueSchema),
  variants: VariantCountSchema,
}).openapi('Script');

export const scriptSummaryView = (row: ScriptSummaryRow): z.infer<typeof ScriptSummarySchema> => ({
  id: row.id,
  name: row.name,
  language: row.language,
  version: row.version,
  rolesCount: row.roles_count,
  linesCount: row.lines_count,
  variantsTotal: row.variants_total,
  createdBy: row.created_by,
  createdAt: isoOrThrow(row.created_at),
  updatedAt: isoOrThrow(row.updated_at),
});
