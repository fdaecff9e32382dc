import { z } from 'zod';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** A language tag as the issuer writes it ('ar', 'fa-AF', 'en'); BCP 47 shape, not a registry check. */
const LanguageTag = z.string().regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, 'expected a BCP 47 language tag');

/** Text that ends up on paper: one line, printable, bounded so a hostile input cannot blow up the layout. */
const line = (max: number) =>
  z.string().trim().min(1).max(max).regex(/^[^\p{Cc}\p{Cs}]*$/u, 'control characters are not printable');

const Localized = z.record(LanguageTag, line(200));

const SealPng = z
  .custom<Uint8Array>((v) => v instanceof Uint8Array, 'sealPng must be bytes')
  .refine((b) => b.length > PNG_SIGNATURE.length && PNG_SIGNATURE.every((v, i) => b[i] === v), 'sealPng must be a PNG image');

/** A calendar date or date-time in ISO 8601 form; only its date part is printed. */
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$/, 'expected an ISO 8601 date');

export const CertificateInputSchema = z.object({
  issuer: z.object({ names: Localized, country: z.string().regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 code') }),
  languages: z.array(LanguageTag).min(1).max(4),
  learner: z.object({
    nameAsWritten: line(120),
    nameLatin: line(120),
    dateOfBirth: IsoDate.optional(),
    candidateNumber: line(40).optional(),
  }),
  session: line(80),
  achievements: z
    .array(
      z.object({
        code: line(40),
        names: Localized,
        result: line(40),
        resultLabel: Localized.optional(),
        /** When this result was awarded (OB 3.0 awardedDate); may be years before `issuedAt`. */
        awardedDate: IsoDate.optional(),
        sealPng: SealPng,
      }),
    )
    .min(1)
    .max(30),
  pickupCode: z.string().regex(/^[A-Z0-9-]{4,40}$/, 'pick-up code: uppercase letters, digits and dashes').optional(),
  /** The link that redeems the code (the wallet page with the code), printed as a QR. */
  pickupUrl: z
    .string()
    .max(300)
    .regex(/^https?:\/\/[^\s]+$/, 'pick-up link: an http(s) URL')
    .refine((u) => URL.canParse(u), 'pick-up link: not a URL')
    .optional(),
  demo: z.boolean().optional(),
  /** When the certificate's credentials were signed. */
  issuedAt: IsoDate,
}).refine((c) => c.pickupUrl === undefined || (c.pickupCode !== undefined && c.pickupUrl.includes(c.pickupCode)), {
  // The QR and the printed code must deliver the same thing.
  message: 'pick-up link: needs the pick-up code, and must carry it',
  path: ['pickupUrl'],
});

export type CertificateInput = z.input<typeof CertificateInputSchema>;
export type ParsedCertificateInput = z.output<typeof CertificateInputSchema>;
export type CertificateAchievement = ParsedCertificateInput['achievements'][number];
