// Stored records -> the JSON the Accounting API returns (PascalCase, /Date()/ dates, numbers for amounts).
import { parseCents } from '../../common/decimal.ts';
import { dayString, msDate, msDay } from '../dates.ts';
import { centsJson, parseRounded, scaledJson } from '../decimal.ts';
import type {
  OrgState,
  StoredAccount,
  StoredContact,
  StoredDocument,
  StoredPayment,
  StoredTaxRate,
  StoredTrackingCategory,
} from '../state.ts';

export function organisationJson(org: OrgState) {
  const p = org.profile;
  return {
    OrganisationID: p.OrganisationID,
    APIKey: '',
    Name: p.Name,
    LegalName: p.LegalName,
    PaysTax: true,
    Version: p.Version,
    OrganisationType: 'COMPANY',
    BaseCurrency: p.BaseCurrency,
    CountryCode: p.CountryCode,
    IsDemoCompany: false,
    OrganisationStatus: 'ACTIVE',
    TaxNumber: p.TaxNumber,
    FinancialYearEndDay: p.FinancialYearEndDay,
    FinancialYearEndMonth: p.FinancialYearEndMonth,
    SalesTaxBasis: p.SalesTaxBasis,
    SalesTaxPeriod: p.SalesTaxPeriod,
    DefaultSalesTax: p.DefaultSalesTax,
    DefaultPurchasesTax: p.DefaultSalesTax,
    CreatedDateUTC: msDate(p.createdAt),
    OrganisationEntityType: 'COMPANY',
    Timezone: p.Timezone,
    ShortCode: p.ShortCode,
    Edition: 'BUSINESS',
    Class: 'STANDARD',
    LineOfBusiness: p.Version === 'AU' ? 'Architectural services' : 'Engineering services',
    Addresses: [],
    Phones: [],
    ExternalLinks: [],
    PaymentTerms: { Sales: { Day: p.salesTermDays, Type: 'DAYSAFTERBILLDATE' } },
  };
}

export function accountJson(a: StoredAccount, currency: string) {
  return {
    AccountID: a.AccountID,
    Code: a.Code,
    Name: a.Name,
    Status: a.Status,
    Type: a.Type,
    TaxType: a.TaxType,
    ...(a.Description ? { Description: a.Description } : {}),
    Class: a.Class,
    ...(a.SystemAccount ? { SystemAccount: a.SystemAccount } : {}),
    EnablePaymentsToAccount: a.EnablePaymentsToAccount,
    ShowInExpenseClaims: a.ShowInExpenseClaims,
    BankAccountType: a.BankAccountType ?? '',
    ...(a.Type === 'BANK' ? { BankAccountNumber: a.BankAccountNumber ?? '', CurrencyCode: currency } : {}),
    ReportingCode: a.ReportingCode ?? `${a.Class.slice(0, 3)}`,
    HasAttachments: false,
    UpdatedDateUTC: msDate(a.updatedAt),
    AddToWatchlist: false,
  };
}

export function taxRateJson(t: StoredTaxRate) {
  const rate = scaledJson(parseRounded(t.rate, 4), 4);
  return {
    Name: t.Name,
    TaxType: t.TaxType,
    ReportTaxType: t.ReportTaxType,
    CanApplyToAssets: t.CanApplyToAssets,
    CanApplyToEquity: t.CanApplyToEquity,
    CanApplyToExpenses: t.CanApplyToExpenses,
    CanApplyToLiabilities: t.CanApplyToLiabilities,
    CanApplyToRevenue: t.CanApplyToRevenue,
    DisplayTaxRate: rate,
    EffectiveRate: rate,
    Status: t.Status,
    TaxComponents: t.components.map((c) => ({
      Name: c.Name,
      Rate: scaledJson(parseRounded(c.rate, 4), 4),
      IsCompound: false,
      IsNonRecoverable: false,
    })),
  };
}

export function trackingCategoryJson(c: StoredTrackingCategory, includeArchivedOptions: boolean) {
  return {
    Name: c.Name,
    Status: c.Status,
    TrackingCategoryID: c.TrackingCategoryID,
    Options: c.Options.filter((o) => includeArchivedOptions || o.Status === 'ACTIVE').map((o) => ({
      TrackingOptionID: o.TrackingOptionID,
      Name: o.Name,
      Status: o.Status,
      HasValidationErrors: false,
      IsDeleted: o.Status === 'DELETED',
      IsArchived: o.Status === 'ARCHIVED',
      IsActive: o.Status === 'ACTIVE',
    })),
  };
}

export function contactJson(c: StoredContact) {
  return {
    ContactID: c.ContactID,
    ...(c.ContactNumber ? { ContactNumber: c.ContactNumber } : {}),
    ...(c.AccountNumber ? { AccountNumber: c.AccountNumber } : {}),
    ContactStatus: c.ContactStatus,
    Name: c.Name,
    ...(c.FirstName ? { FirstName: c.FirstName } : {}),
    ...(c.LastName ? { LastName: c.LastName } : {}),
    ...(c.EmailAddress ? { EmailAddress: c.EmailAddress } : {}),
    ...(c.TaxNumber ? { TaxNumber: c.TaxNumber } : {}),
    Addresses: c.Addresses,
    Phones: c.Phones,
    UpdatedDateUTC: msDate(c.updatedAt),
    ContactGroups: [],
    IsSupplier: c.IsSupplier,
    IsCustomer: c.IsCustomer,
    ContactPersons: [],
    HasAttachments: false,
    HasValidationErrors: false,
  };
}

/** The short contact embedded in a document. */
function contactRef(c: StoredContact | undefined, id: string) {
  if (!c) return { ContactID: id };
  return {
    ContactID: c.ContactID,
    ...(c.ContactNumber ? { ContactNumber: c.ContactNumber } : {}),
    Name: c.Name,
    ContactStatus: c.ContactStatus,
    ...(c.EmailAddress ? { EmailAddress: c.EmailAddress } : {}),
    Addresses: c.Addresses,
    Phones: c.Phones,
    HasValidationErrors: false,
  };
}

function amountDue(d: StoredDocument): bigint {
  return parseCents(d.Total) - parseCents(d.AmountPaid) - parseCents(d.AmountCredited);
}

export function paymentSummaryJson(p: StoredPayment) {
  return {
    PaymentID: p.PaymentID,
    Date: msDay(p.Date),
    Amount: centsJson(parseCents(p.Amount)),
    ...(p.Reference ? { Reference: p.Reference } : {}),
    CurrencyRate: 1,
    HasAccount: false,
    HasValidationErrors: false,
  };
}

export function documentJson(org: OrgState, d: StoredDocument, unitdp: 2 | 4) {
  const contact = org.contacts.find((c) => c.ContactID === d.ContactID);
  const payments = d.paymentIds
    .map((id) => org.payments.find((p) => p.PaymentID === id))
    .filter((p): p is StoredPayment => p !== undefined && p.Status === 'AUTHORISED');
  const lines = d.lines.map((l) => ({
    LineItemID: l.LineItemID,
    ...(l.Description !== undefined ? { Description: l.Description } : {}),
    Quantity: scaledJson(parseRounded(l.Quantity, 4), 4),
    UnitAmount: scaledJson(parseRounded(l.UnitAmount, unitdp), unitdp),
    ...(l.ItemCode ? { ItemCode: l.ItemCode } : {}),
    ...(l.AccountCode ? { AccountCode: l.AccountCode } : {}),
    ...(l.AccountID ? { AccountID: l.AccountID } : {}),
    ...(l.TaxType ? { TaxType: l.TaxType } : {}),
    TaxAmount: centsJson(parseCents(l.TaxAmount)),
    LineAmount: centsJson(parseCents(l.LineAmount)),
    ...(l.DiscountRate ? { DiscountRate: scaledJson(parseRounded(l.DiscountRate, 2), 2) } : {}),
    Tracking: l.Tracking,
  }));
  const common = {
    Type: d.Type,
    Contact: contactRef(contact, d.ContactID),
    Date: msDay(d.Date),
    DateString: dayString(d.Date),
    ...(d.DueDate ? { DueDate: msDay(d.DueDate), DueDateString: dayString(d.DueDate) } : {}),
    Status: d.Status,
    LineAmountTypes: d.LineAmountTypes,
    LineItems: lines,
    SubTotal: centsJson(parseCents(d.SubTotal)),
    TotalTax: centsJson(parseCents(d.TotalTax)),
    Total: centsJson(parseCents(d.Total)),
    UpdatedDateUTC: msDate(d.updatedAt),
    CurrencyCode: d.CurrencyCode,
    CurrencyRate: scaledJson(parseRounded(d.CurrencyRate, 6), 6),
    ...(d.Reference !== undefined ? { Reference: d.Reference } : {}),
    ...(d.BrandingThemeID ? { BrandingThemeID: d.BrandingThemeID } : {}),
    ...(d.FullyPaidOnDate ? { FullyPaidOnDate: msDay(d.FullyPaidOnDate) } : {}),
    SentToContact: d.SentToContact,
    Payments: payments.map(paymentSummaryJson),
    HasAttachments: false,
    HasErrors: false,
  };
  if (d.kind === 'creditnote') {
    return {
      CreditNoteID: d.id,
      CreditNoteNumber: d.Number,
      ...common,
      RemainingCredit: centsJson(amountDue(d)),
      Allocations: [],
      ...(d.Url ? { Url: d.Url } : {}),
    };
  }
  return {
    InvoiceID: d.id,
    InvoiceNumber: d.Number,
    ...common,
    ...(d.Url ? { Url: d.Url } : {}),
    AmountDue: centsJson(amountDue(d)),
    AmountPaid: centsJson(parseCents(d.AmountPaid)),
    AmountCredited: centsJson(parseCents(d.AmountCredited)),
    IsDiscounted: d.lines.some((l) => l.DiscountRate !== undefined),
    CreditNotes: [],
    Prepayments: [],
    Overpayments: [],
  };
}

export function paymentJson(org: OrgState, p: StoredPayment) {
  const doc =
    p.documentKind === 'invoice'
      ? org.invoices.find((d) => d.id === p.documentId)
      : org.creditNotes.find((d) => d.id === p.documentId);
  const account = org.accounts.find((a) => a.AccountID === p.AccountID);
  const contact = doc ? org.contacts.find((c) => c.ContactID === doc.ContactID) : undefined;
  const docRef = doc
    ? {
        Type: doc.Type,
        [doc.kind === 'invoice' ? 'InvoiceID' : 'CreditNoteID']: doc.id,
        [doc.kind === 'invoice' ? 'InvoiceNumber' : 'CreditNoteNumber']: doc.Number,
        Contact: contact
          ? { ContactID: contact.ContactID, Name: contact.Name }
          : { ContactID: doc.ContactID },
        CurrencyCode: doc.CurrencyCode,
        Status: doc.Status,
        Total: centsJson(parseCents(doc.Total)),
        AmountDue: centsJson(amountDue(doc)),
      }
    : {};
  return {
    PaymentID: p.PaymentID,
    Date: msDay(p.Date),
    Amount: centsJson(parseCents(p.Amount)),
    BankAmount: centsJson(parseCents(p.Amount)),
    ...(p.Reference ? { Reference: p.Reference } : {}),
    CurrencyRate: 1,
    PaymentType: p.PaymentType,
    Status: p.Status,
    UpdatedDateUTC: msDate(p.updatedAt),
    HasAccount: true,
    IsReconciled: p.IsReconciled,
    Account: account ? { AccountID: account.AccountID, Code: account.Code } : { AccountID: p.AccountID },
    ...(p.documentKind === 'invoice' ? { Invoice: docRef } : { CreditNote: docRef }),
    HasValidationErrors: false,
  };
}
