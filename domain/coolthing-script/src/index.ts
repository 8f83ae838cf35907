export * from './schema';
export * from './issues';
export { validateScript, type ScriptValidation } from './validate';
export { rngFromSeed, deriveSeed, randomInt, pick, shuffled, type Rng } from './rng';
export {
  parseSpintax,
  MAX_GROUP_DEPTH,
  MAX_ERRORS_PER_TEXT,
  locate,
  type SpinNode,
  type SpintaxError,
  type SpintaxErrorCode,
  type ParsedSpintax,
} from './spintax-parser';
export { renderSpintax, resolveVariable, placeholder } from './spintax-render';
export {
  countVariants,
  canRenderBlank,
  collectVariables,
  VARIANT_COUNT_LIMIT,
  type VariableUse,
} from './spintax-analysis';
export {
  parseVariable,
  variableName,
  ROLE_FIELDS,
  KNOWN_VARIABLES,
  MAX_RANDOM_INT,
  type Variable,
  type RoleField,
} from './variables';
export type { RenderContext, RoleProfile } from './render-context';
export { sequenceLines, variantLabels, type SequencedLine, type ResolvedReplyTo } from './sequence';
export { assignVariants } from './variants';
export {
  previewScript,
  countScriptVariants,
  MAX_PREVIEW_COUNT,
  type PreviewOptions,
  type PreviewLine,
  type ScriptPreview,
  type VariantCount,
} from './preview';
export * from './plan-schema';
export {
  checkRunInput,
  RunPlanError,
  type RunPlanInput,
  type RunPlanProblem,
  type RunPlanProblemCode,
} from './plan-check';
export { buildRunPlan, renderContextForChat } from './plan';
export { replanFrom } from './replan';
export {
  matchBranch,
  renderBranchReply,
  type BranchQuery,
  type BranchMatch,
  type RenderedBranchReply,
} from './branches';
export { matchKeywords, words } from './keywords';
export * from './fixtures';
