import { names } from '@nx/devkit';

/**
 * A job type name as the catalog spells it: dotted lower-case words. The
 * catalog spec checks every type against the same rule, and BullMQ rejects
 * `:` in the queue names derived from it.
 */
export const JOB_TYPE_NAME = /^[a-z]+(\.[a-z]+)+$/;

/** The identifiers one job type's files use, derived from its name. */
export interface JobTypeNames {
  /** The catalog key, such as `sms.send`. */
  type: string;
  /** The file stem, such as `sms-send` (`sms-send.job.ts`). */
  fileName: string;
  /** The schemas' prefix, such as `SmsSend` (`SmsSendPayload`). */
  className: string;
  /** The consts' prefix, such as `smsSend` (`smsSendJob`). */
  propertyName: string;
}

/** Derives the names of `type`'s files and exports, or says why it can't. */
export function jobTypeNames(type: string): JobTypeNames {
  if (!JOB_TYPE_NAME.test(type)) {
    throw new Error(
      `"${type}" is not a job type name: use dotted lower-case words, such as sms.send.`,
    );
  }
  const { fileName, className, propertyName } = names(type.replace(/\./g, '-'));
  return { type, fileName, className, propertyName };
}
