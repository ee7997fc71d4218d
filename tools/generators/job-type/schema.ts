/** The options of `nx g @errand/tools:job-type` (see schema.json). */
export interface JobTypeGeneratorSchema {
  /** The job type: dotted lower-case words, such as `sms.send`. */
  name: string;
  /**
   * One sentence on what the job does, for the catalog and the API docs.
   * @defaultValue `Runs one <name> job.`
   */
  description?: string;
  /**
   * Leave the written files as the templates made them.
   * @defaultValue false
   */
  skipFormat?: boolean;
}
