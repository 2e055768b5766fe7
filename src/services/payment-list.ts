/** Pages of the seller's payment requests, newest first (see subject-list.ts). */
import type { Network } from "../chain/network.ts";
import type { Db } from "../db/client.ts";
import { payments } from "../db/schema.ts";
import { PaymentError, type PaymentRow } from "./payments.ts";
import {
  listSubjects,
  SUBJECT_PAGE_MAX,
  type SubjectFilter,
  type SubjectPage,
} from "./subject-list.ts";

export const PAYMENT_PAGE_MAX = SUBJECT_PAGE_MAX;
export type PaymentFilter = SubjectFilter;
export type PaymentPage = SubjectPage<PaymentRow>;

/** One page of this network's payments matching `filter`. */
export function listPayments(
  db: Db,
  network: Network,
  filter: PaymentFilter,
  page: { limit: number; cursorId?: string },
): Promise<PaymentPage> {
  return listSubjects(
    db,
    payments,
    network,
    filter,
    page,
    () => new PaymentError("invalid", "cursorId", "no payment with this id"),
  );
}
