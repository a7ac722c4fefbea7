import type { MigrationInterface, QueryRunner } from 'typeorm';
import { actAsMigration } from './migration-actor';
import { WORKING_WEEKS } from './data/working-weeks';

/**
 * The review desk (issue 17): when each side's review of a round is due, what reminded whom,
 * and the messages that tell people.
 *
 * - `registry.review_calendar`: per country, the review period in working days, the working
 *   week (ISO weekdays that are rest days), weeks of subdivisions that differ (Malaysian states),
 *   holidays, and the time zone in which "today" is counted. Kept by admins; audited.
 * - `registry.review_round`: one row per pairing, round and side country, written when the
 *   pairing is submitted, with the dates computed from that country's calendar (due soon, due,
 *   escalation), the time zone its "today" is counted in and the subdivision whose working week
 *   applied (null: the national week). Whether a round still awaits a side is never stored: it follows from the
 *   pairing's current state and decisions, so nothing can leave a stale "open" flag behind.
 * - `registry.notification_setting`: each user's choice of email (immediate, daily, none) and
 *   language; audited like every user preference.
 * - `infra.review_reminder`: one row per round and reminder kind, the unique key that makes the
 *   reminder sweep idempotent.
 * - `infra.notification` and `infra.mail_outbox`: the in-app inbox and the transactional email
 *   outbox. Both are written in the transaction of the change that causes them; they are
 *   messages about audited changes, not registry records, so they are infrastructure (like
 *   console sessions) and not audited themselves.
 *
 * Decisions need a person: triggers refuse a review decision unless the transaction's actor is
 * the reviewer recorded, and a pairing entering approved, returned or rejected unless that
 * actor recorded the matching decision in the same transaction. No timer, job or migration can
 * decide a round.
 */
export class ReviewDesk1795479500000 implements MigrationInterface {
  name = 'ReviewDesk1795479500000';

  async up(db: QueryRunner): Promise<void> {
    await actAsMigration(db, this);
    await db.query(`
      CREATE TABLE registry.review_calendar (
        country_code character(2) NOT NULL,
        review_working_days integer NOT NULL DEFAULT 10,
        weekend smallint[] NOT NULL DEFAULT '{6,7}',
        time_zone text NOT NULL DEFAULT 'UTC',
        subdivision_weekends jsonb NOT NULL DEFAULT '[]',
        holidays jsonb NOT NULL DEFAULT '[]',
        source text,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT review_calendar_pkey PRIMARY KEY (country_code),
        CONSTRAINT review_calendar_country_code_fkey FOREIGN KEY (country_code)
          REFERENCES registry.country (code) ON DELETE RESTRICT,
        CONSTRAINT review_calendar_review_working_days_check CHECK (review_working_days BETWEEN 1 AND 120),
        CONSTRAINT review_calendar_weekend_check CHECK (weekend <@ '{1,2,3,4,5,6,7}' AND cardinality(weekend) < 7),
        CONSTRAINT review_calendar_subdivision_weekends_check CHECK (jsonb_typeof(subdivision_weekends) = 'array'),
        CONSTRAINT review_calendar_holidays_check CHECK (jsonb_typeof(holidays) = 'array')
      )`);
    await db.query(`SELECT audit.enable('registry.review_calendar', 'country_code')`);
    await db.query(
      `CREATE TRIGGER zz_keep_version_on_noop BEFORE UPDATE ON registry.review_calendar
         FOR EACH ROW EXECUTE FUNCTION registry.keep_version_on_noop()`,
    );
    for (const week of WORKING_WEEKS) {
      await db.query(
        `INSERT INTO registry.review_calendar
           (country_code, weekend, time_zone, subdivision_weekends, source)
         VALUES ($1, $2, $3, $4, $5)`,
        [
          week.countryCode,
          week.weekend,
          week.timeZone,
          JSON.stringify(week.subdivisionWeekends),
          week.source,
        ],
      );
    }

    await db.query(`
      CREATE TABLE registry.review_round (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        pairing_id uuid NOT NULL,
        round integer NOT NULL,
        country_code character(2) NOT NULL,
        submitted_at timestamptz NOT NULL,
        submitted_by uuid,
        time_zone text NOT NULL,
        subdivision_code text,
        due_soon_on date NOT NULL,
        due_on date NOT NULL,
        escalate_on date NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT review_round_pkey PRIMARY KEY (id),
        CONSTRAINT review_round_pairing_id_fkey FOREIGN KEY (pairing_id)
          REFERENCES registry.pairing (id) ON DELETE CASCADE,
        CONSTRAINT review_round_country_code_fkey FOREIGN KEY (country_code)
          REFERENCES registry.country (code) ON DELETE RESTRICT,
        CONSTRAINT review_round_submitted_by_fkey FOREIGN KEY (submitted_by)
          REFERENCES registry.app_user (id) ON DELETE RESTRICT,
        CONSTRAINT review_round_dates_check CHECK (due_soon_on <= due_on AND due_on <= escalate_on)
      )`);
    await db.query(
      `CREATE UNIQUE INDEX review_round_pairing_id_round_country_code_key
         ON registry.review_round (pairing_id, round, country_code)`,
    );
    await db.query(
      `CREATE INDEX review_round_country_code_due_on_idx ON registry.review_round (country_code, due_on, id)`,
    );
    await db.query(`CREATE INDEX review_round_due_on_idx ON registry.review_round (due_on, id)`);
    await db.query(`SELECT audit.enable('registry.review_round', 'id')`);
    await db.query(`
      CREATE INDEX change_review_round_parent_idx ON audit.change
        ((coalesce(after, before) ->> 'pairing_id'), id) WHERE table_name = 'review_round'`);

    await db.query(`
      CREATE TABLE registry.notification_setting (
        user_id uuid NOT NULL,
        email text NOT NULL DEFAULT 'immediate',
        language text NOT NULL DEFAULT 'en',
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT notification_setting_pkey PRIMARY KEY (user_id),
        CONSTRAINT notification_setting_user_id_fkey FOREIGN KEY (user_id)
          REFERENCES registry.app_user (id) ON DELETE CASCADE,
        CONSTRAINT notification_setting_email_check CHECK (email IN ('immediate', 'daily', 'none')),
        CONSTRAINT notification_setting_language_check CHECK (language IN ('en', 'zh'))
      )`);
    await db.query(`SELECT audit.enable('registry.notification_setting', 'user_id')`);
    await db.query(
      `CREATE TRIGGER zz_keep_version_on_noop BEFORE UPDATE ON registry.notification_setting
         FOR EACH ROW EXECUTE FUNCTION registry.keep_version_on_noop()`,
    );

    await db.query(`
      CREATE TABLE infra.review_reminder (
        round_id uuid NOT NULL,
        kind text NOT NULL,
        sent_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT review_reminder_pkey PRIMARY KEY (round_id, kind),
        CONSTRAINT review_reminder_round_id_fkey FOREIGN KEY (round_id)
          REFERENCES registry.review_round (id) ON DELETE CASCADE,
        CONSTRAINT review_reminder_kind_check CHECK (kind IN ('review_due_soon', 'review_due', 'review_overdue', 'review_escalated'))
      )`);

    await db.query(`
      CREATE TABLE infra.notification (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        recipient_id uuid NOT NULL,
        kind text NOT NULL,
        subject text NOT NULL,
        body text NOT NULL,
        link text NOT NULL,
        pairing_id uuid,
        round integer,
        email text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz,
        CONSTRAINT notification_pkey PRIMARY KEY (id),
        CONSTRAINT notification_recipient_id_fkey FOREIGN KEY (recipient_id)
          REFERENCES registry.app_user (id) ON DELETE CASCADE,
        CONSTRAINT notification_pairing_id_fkey FOREIGN KEY (pairing_id)
          REFERENCES registry.pairing (id) ON DELETE CASCADE,
        CONSTRAINT notification_kind_check CHECK (kind IN ('review_awaiting', 'review_due_soon', 'review_due', 'review_overdue', 'review_escalated', 'pairing_approved', 'pairing_returned', 'pairing_rejected')),
        CONSTRAINT notification_email_check CHECK (email IN ('queued', 'digest', 'none'))
      )`);
    await db.query(
      `CREATE INDEX notification_recipient_id_created_at_idx ON infra.notification (recipient_id, created_at DESC, id DESC)`,
    );
    await db.query(
      `CREATE INDEX notification_unread_idx ON infra.notification (recipient_id) WHERE read_at IS NULL`,
    );
    await db.query(
      `CREATE INDEX notification_digest_idx ON infra.notification (recipient_id, created_at) WHERE email = 'digest'`,
    );

    await db.query(`
      CREATE TABLE infra.mail_outbox (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        dedupe_key text NOT NULL,
        recipient_id uuid,
        to_address text NOT NULL,
        subject text NOT NULL,
        text_body text NOT NULL,
        html_body text,
        status text NOT NULL DEFAULT 'pending',
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        CONSTRAINT mail_outbox_pkey PRIMARY KEY (id),
        CONSTRAINT mail_outbox_recipient_id_fkey FOREIGN KEY (recipient_id)
          REFERENCES registry.app_user (id) ON DELETE SET NULL,
        CONSTRAINT mail_outbox_status_check CHECK (status IN ('pending', 'sent', 'failed')),
        CONSTRAINT mail_outbox_attempts_check CHECK (attempts >= 0)
      )`);
    await db.query(
      `CREATE UNIQUE INDEX mail_outbox_dedupe_key_key ON infra.mail_outbox (dedupe_key)`,
    );
    await db.query(
      `CREATE INDEX mail_outbox_pending_idx ON infra.mail_outbox (next_attempt_at, id) WHERE status = 'pending'`,
    );
    await db.query(
      `CREATE INDEX mail_outbox_status_created_at_idx ON infra.mail_outbox (status, created_at DESC, id DESC)`,
    );

    // Only people decide. The audit context names the actor of every write transaction.
    await db.query(`
      CREATE FUNCTION registry.decisions_need_a_person() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        actor text := coalesce(current_setting('app.actor', true), '');
      BEGIN
        IF TG_TABLE_NAME = 'pairing_review' THEN
          IF actor <> NEW.reviewer_id::text THEN
            RAISE EXCEPTION 'a review decision is recorded only by the reviewer who made it (actor %)', actor
              USING ERRCODE = 'insufficient_privilege';
          END IF;
        ELSIF NEW.review_state IN ('approved', 'returned', 'rejected')
              AND NEW.review_state IS DISTINCT FROM OLD.review_state
              AND NOT EXISTS (
                SELECT FROM registry.pairing_review r
                 WHERE r.pairing_id = NEW.id AND r.round = NEW.review_round
                   AND r.reviewer_id::text = actor
                   -- made in this very transaction, and saying what the new state says
                   AND r.decided_at = now()
                   AND r.decision = CASE NEW.review_state
                         WHEN 'approved' THEN 'approve' WHEN 'returned' THEN 'return' ELSE 'reject' END) THEN
          RAISE EXCEPTION 'a pairing becomes % only by a reviewer''s decision (actor %)', NEW.review_state, actor
            USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END
      $$`);
    await db.query(
      `CREATE TRIGGER decisions_need_a_person BEFORE INSERT ON registry.pairing_review
         FOR EACH ROW EXECUTE FUNCTION registry.decisions_need_a_person()`,
    );
    await db.query(
      `CREATE TRIGGER decisions_need_a_person BEFORE UPDATE OF review_state ON registry.pairing
         FOR EACH ROW EXECUTE FUNCTION registry.decisions_need_a_person()`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await actAsMigration(db, this);
    await db.query(`DROP TRIGGER decisions_need_a_person ON registry.pairing`);
    await db.query(`DROP TRIGGER decisions_need_a_person ON registry.pairing_review`);
    await db.query(`DROP FUNCTION registry.decisions_need_a_person()`);
    await db.query(`DROP TABLE infra.mail_outbox`);
    await db.query(`DROP TABLE infra.notification`);
    await db.query(`DROP TABLE infra.review_reminder`);
    await db.query(`DROP TABLE registry.notification_setting`);
    await db.query(`DROP INDEX audit.change_review_round_parent_idx`);
    await db.query(`DROP TABLE registry.review_round`);
    await db.query(`DROP TABLE registry.review_calendar`);
  }
}
