import type { DocumentRole } from '../../shared/roles.ts'

/** The password every demo account shares; the demo is for trying Marginalia out, never for real work. */
export const demoPassword = 'marginalia-demo'

/** One demo account and its role in the sample draft. */
export interface DemoAccount {
  email: string
  name: string
  country: string
  organization: string
  role: DocumentRole
  isAdmin?: boolean
}

/** One account per role, with experts from several of the fourteen countries of the consultation. */
export const demoAccounts: DemoAccount[] = [
  {
    email: 'admin@demo.example',
    name: 'Amara Okafor',
    country: 'ZA',
    organization: 'Marginalia operations',
    role: 'owner',
    isAdmin: true,
  },
  {
    email: 'editor@demo.example',
    name: 'Li Wei',
    country: 'CN',
    organization: 'Open University of China',
    role: 'editor',
  },
  {
    email: 'author@demo.example',
    name: 'Thandiwe Moyo',
    country: 'ZW',
    organization: 'Zimbabwe Open University',
    role: 'author',
  },
  {
    email: 'expert.bw@demo.example',
    name: 'Kagiso Mothibi',
    country: 'BW',
    organization: 'Botswana Open University',
    role: 'commenter',
  },
  {
    email: 'expert.id@demo.example',
    name: 'Siti Rahayu',
    country: 'ID',
    organization: 'Universitas Terbuka',
    role: 'commenter',
  },
  {
    email: 'expert.ng@demo.example',
    name: 'Amina Bello',
    country: 'NG',
    organization: 'National Open University of Nigeria',
    role: 'commenter',
  },
  {
    email: 'expert.pk@demo.example',
    name: 'Farah Khan',
    country: 'PK',
    organization: 'Allama Iqbal Open University',
    role: 'commenter',
  },
  {
    email: 'expert.gb@demo.example',
    name: 'Rachel Evans',
    country: 'GB',
    organization: 'The Open University',
    role: 'commenter',
  },
  {
    email: 'viewer@demo.example',
    name: 'Omar Haddad',
    country: 'LB',
    organization: 'Lebanese University',
    role: 'viewer',
  },
]
