// The demo practice's names and catalogue: an architecture firm with offices in Sydney, Melbourne and Brisbane.

export const DEMO_PRACTICE = {
  name: 'Demo Architects',
  adminEmail: 'admin@demo-architects.example',
  adminName: 'Alex Demo',
};

export const DEMO_OFFICES = [
  { code: 'SYD', name: 'Sydney', setting: 'Australia East' },
  { code: 'MEL', name: 'Melbourne', setting: 'Australia East' },
  { code: 'BNE', name: 'Brisbane', setting: 'Brisbane' },
] as const;

/** Which accounts interface each invoice setting posts to: two offices share Xero, one has MYOB. */
export const DEMO_INTERFACES = [
  { displayName: 'Xero (Australia East)', provider: 'xero', setting: 'Australia East' },
  { displayName: 'MYOB (Brisbane)', provider: 'myob', setting: 'Brisbane' },
] as const;

export const DEMO_DEPARTMENTS = [
  ['ARCH', 'Architecture'],
  ['INT', 'Interiors'],
  ['URB', 'Urban Design'],
] as const;

export const DEMO_JOB_TYPES = [
  ['RES', 'Residential'],
  ['COM', 'Commercial'],
  ['HER', 'Heritage'],
  ['FIT', 'Fit-out'],
] as const;

export const DEMO_TASKS = [
  ['CD', 'Concept Design'],
  ['DD', 'Design Development'],
  ['DOC', 'Documentation'],
  ['CA', 'Contract Administration'],
  ['SITE', 'Site Visits'],
  ['PRINT', 'Printing and Plotting'],
] as const;

export const DEMO_TAX_CLASSES = [
  { code: 'GST', name: 'GST 10%', ratePercent: '10' },
  { code: 'FRE', name: 'GST-free', ratePercent: '0' },
] as const;

export const CLIENT_NAMES = [
  'Harbourside Developments Pty Ltd',
  'Kestrel & Finch Holdings',
  'Marlowe Family Trust',
  'Northbridge Council',
  'Ocean Road Hospitality',
  'Pemberton Schools Ltd',
  'Quayline Property Group',
  'Riverbend Health Services',
  'Saltbush Community Housing',
  'Tallowwood Estates',
  'Uluru Arts Collective',
  'Verandah Homes',
  'Wattle Grove Retirement Living',
  'Xavier O’Connell',
  'Yarra Valley Winery',
  'Zetland Warehousing',
  'Ashgrove Medical Centre',
  'Banksia Childcare Co-op',
  'Carrington Hotels',
  'Dunmore & Sons Builders',
  'Elkhorn Fitness',
  'Fernleigh Library Foundation',
  'Greenway Transport Authority',
  'Hollis, Park & Reid Lawyers',
  'Aotearoa Design Trust',
] as const;

export const STREETS = [
  'George St',
  'Collins St',
  'Queen St',
  'Harbour Rd',
  'Ann St',
  'Chapel St',
  'Brunswick St',
  'Pitt St',
];
export const CITIES = [
  { city: 'Sydney', region: 'NSW', postcode: '2000', country: 'Australia' },
  { city: 'Melbourne', region: 'VIC', postcode: '3000', country: 'Australia' },
  { city: 'Brisbane', region: 'QLD', postcode: '4000', country: 'Australia' },
  { city: 'Auckland', region: 'Auckland', postcode: '1010', country: 'New Zealand' },
] as const;

export const JOB_NAMES = [
  'Residence',
  'Office Fit-out',
  'Heritage Restoration',
  'Townhouses',
  'Community Hall',
  'Clinic Extension',
  'Warehouse Conversion',
  'Library Refurbishment',
  'Hotel Lobby',
  'School Hall',
];

export const LINE_TEXT = {
  fee: ['Professional fees', 'Design services', 'Documentation fees', 'Contract administration'],
  disbursement: ['Council lodgement fee', 'Printing and plotting', 'Courier', 'Title search'],
  variation: [
    'Variation: additional design option',
    'Variation: scope change to level 2',
    'Variation: heritage report',
  ],
  expense: ['Travel to site', 'Accommodation', 'Model materials'],
} as const;
