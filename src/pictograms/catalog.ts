/**
 * The pictogram board's contents: pure data, shared by the apps and the server (which only accepts
 * these ids). The pictures are OpenMoji (CC BY-SA 4.0), copied from the pinned npm package into
 * assets/pictograms/openmoji/ by `npm run pictograms`; `openmoji` is the file's hexcode there.
 * Keywords are extra words the clerk may type to find a pictogram (labels are searched too).
 */

export const PICTOGRAM_CATEGORIES = ['answers', 'documents', 'people', 'needs', 'services'] as const;
export type PictogramCategory = (typeof PICTOGRAM_CATEGORIES)[number];

export interface Pictogram {
  id: string;
  category: PictogramCategory;
  openmoji: string;
  ar: string;
  en: string;
  keywords: { ar: string[]; en: string[] };
}

const p = (
  id: string,
  category: PictogramCategory,
  openmoji: string,
  ar: string,
  en: string,
  kwAr: string[] = [],
  kwEn: string[] = [],
): Pictogram => ({ id, category, openmoji, ar, en, keywords: { ar: kwAr, en: kwEn } });

export const PICTOGRAMS: readonly Pictogram[] = [
  // Answers: what a citizen says most at a counter.
  p('yes', 'answers', '1F44D', 'نعم', 'Yes', ['موافق', 'أجل'], ['ok', 'agree']),
  p('no', 'answers', '1F44E', 'لا', 'No', ['غير موافق', 'رفض'], ['disagree']),
  p('dont-know', 'answers', '1F937', 'لا أعرف', "I don't know", ['لست متأكدا'], ['not sure', 'unknown']),
  p('repeat', 'answers', '1F501', 'أعد من فضلك', 'Repeat, please', ['كرر', 'مرة أخرى'], ['again']),
  p('slower', 'answers', '1F422', 'ببطء من فضلك', 'Slower, please', ['بطء', 'على مهل'], ['slow']),
  p('wait', 'answers', '270B', 'انتظر', 'Wait', ['لحظة', 'توقف'], ['moment', 'stop', 'hold on']),
  p('finished', 'answers', '2705', 'انتهيت', 'Finished', ['تم', 'خلصت', 'جاهز'], ['done', 'ready']),
  p('thank-you', 'answers', '1F64F', 'شكرا', 'Thank you', ['شكر'], ['thanks']),
  p('question', 'answers', '2753', 'عندي سؤال', 'I have a question', ['سؤال', 'استفسار'], ['ask']),
  p('understand', 'answers', '1F4A1', 'فهمت', 'I understand', ['واضح'], ['clear', 'got it']),
  // Documents and steps of a procedure.
  p(
    'id-card',
    'documents',
    '1FAAA',
    'بطاقة الهوية',
    'ID card',
    ['هوية', 'بطاقة'],
    ['identity', 'national id', 'card'],
  ),
  p(
    'family-record',
    'documents',
    '1F4D6',
    'سجل الأسرة',
    'Family record',
    ['كرت العائلة', 'دفتر العائلة'],
    ['family card', 'family book'],
  ),
  p(
    'birth-certificate',
    'documents',
    '1F4DC',
    'شهادة الميلاد',
    'Birth certificate',
    ['ميلاد', 'شهادة'],
    ['certificate'],
  ),
  p('photo', 'documents', '1F4F7', 'صورة شخصية', 'Photo', ['صورة', 'تصوير'], ['picture', 'photograph']),
  p('fingerprint', 'documents', '1FAC6', 'بصمة', 'Fingerprint', ['بصمات'], ['prints']),
  p('signature', 'documents', '270D', 'توقيع', 'Signature', ['وقع', 'امضاء'], ['sign here']),
  p('fee', 'documents', '1F4B5', 'رسوم', 'Fee', ['دفع', 'مبلغ', 'سداد'], ['pay', 'payment', 'money']),
  p('appointment', 'documents', '1F4C5', 'موعد', 'Appointment', ['حجز', 'تاريخ'], ['booking', 'date']),
  p('form', 'documents', '1F4DD', 'نموذج', 'Form', ['استمارة', 'طلب'], ['application']),
  p('report', 'documents', '1F46E', 'بلاغ', 'Police report', ['شرطة', 'محضر'], ['police', 'report']),
  p('lost', 'documents', '1F50D', 'مفقود', 'Lost', ['ضاع', 'فقدت', 'بحث'], ['missing', 'search']),
  p('printout', 'documents', '1F4C4', 'ورقة', 'Paper', ['مستند', 'وثيقة', 'طباعة'], ['document', 'printout']),
  p(
    'phone',
    'documents',
    '1F4F1',
    'رقم الجوال',
    'Mobile number',
    ['جوال', 'هاتف', 'رسالة'],
    ['phone', 'sms'],
  ),
  p('passport', 'documents', '1F6C2', 'جواز السفر', 'Passport', ['جواز', 'سفر'], ['travel']),
  // People.
  p('me', 'people', '1F64B', 'أنا', 'Me', ['نفسي'], ['myself', 'i']),
  p(
    'child',
    'people',
    '1F9D2',
    'طفلي',
    'My child',
    ['ابني', 'ابنتي', 'ولد', 'طفل'],
    ['son', 'daughter', 'kid'],
  ),
  p('father', 'people', '1F468', 'الأب', 'Father', ['أبي', 'والد'], ['dad']),
  p('mother', 'people', '1F469', 'الأم', 'Mother', ['أمي', 'والدة'], ['mum', 'mom']),
  p('husband', 'people', '1F935', 'الزوج', 'Husband', ['زوجي'], ['spouse']),
  p('wife', 'people', '1F470', 'الزوجة', 'Wife', ['زوجتي'], ['spouse']),
  p('family', 'people', '1F46A', 'العائلة', 'Family', ['أسرة', 'أهل'], ['relatives']),
  p('baby', 'people', '1F476', 'مولود', 'Newborn', ['رضيع', 'ولادة'], ['baby', 'birth']),
  p('elderly', 'people', '1F9D3', 'كبير السن', 'Elderly person', ['مسن', 'عجوز'], ['old', 'senior']),
  p('deaf', 'people', '1F9CF', 'أصم', 'Deaf person', ['صم', 'لا أسمع'], ['deaf', 'hearing']),
  // Needs.
  p('help', 'needs', '1F198', 'مساعدة', 'Help', ['ساعدني', 'نجدة'], ['assist', 'emergency']),
  p('pain', 'needs', '1F915', 'ألم', 'Pain', ['تعبان', 'مريض', 'يوجعني'], ['hurt', 'sick', 'ill']),
  p('water', 'needs', '1F6B0', 'ماء', 'Water', ['عطشان', 'شرب'], ['drink', 'thirsty']),
  p('toilet', 'needs', '1F6BB', 'دورة المياه', 'Toilet', ['حمام', 'مرحاض'], ['restroom', 'bathroom', 'wc']),
  p('sit-down', 'needs', '1FA91', 'أريد الجلوس', 'Sit down', ['كرسي', 'جلوس'], ['chair', 'seat']),
  p(
    'wheelchair',
    'needs',
    '1F9D1-200D-1F9BD',
    'كرسي متحرك',
    'Wheelchair',
    ['إعاقة', 'حركة'],
    ['disability', 'mobility'],
  ),
  // Services and places.
  p('home', 'services', '1F3E0', 'المنزل', 'Home', ['بيت', 'عنوان', 'سكن'], ['house', 'address']),
  p('hospital', 'services', '1F3E5', 'المستشفى', 'Hospital', ['مستشفى', 'علاج'], ['clinic']),
  p(
    'office',
    'services',
    '1F3E2',
    'مكتب الأحوال',
    'Civil Affairs office',
    ['مكتب', 'فرع', 'الأحوال المدنية'],
    ['branch', 'civil affairs'],
  ),
  p(
    'workplace',
    'services',
    '1F4BC',
    'جهة حكومية',
    'Government body',
    ['جهة', 'عمل', 'وزارة'],
    ['agency', 'employer', 'work'],
  ),
  p('complaint', 'services', '1F4E2', 'شكوى', 'Complaint', ['اعتراض', 'ملاحظة'], ['problem', 'remark']),
  p('marriage', 'services', '1F48D', 'زواج', 'Marriage', ['عقد زواج'], ['married', 'wedding']),
  p('death', 'services', '1F54A', 'وفاة', 'Death', ['متوفى', 'توفي'], ['deceased', 'died']),
  p(
    'time',
    'services',
    '23F3',
    'كم يستغرق؟',
    'How long?',
    ['وقت', 'مدة', 'متى'],
    ['time', 'when', 'duration'],
  ),
];

export const PICTOGRAM_IDS = PICTOGRAMS.map((x) => x.id);
const byId = new Map(PICTOGRAMS.map((x) => [x.id, x]));

export function pictogramById(id: string): Pictogram | undefined {
  return byId.get(id);
}

/** The file name of a pictogram's picture in assets/pictograms/openmoji/. */
export const pictogramFile = (x: Pictogram): string => `${x.openmoji}.svg`;

/** The faces of the after-call rating (1 bad, 2 so-so, 3 good): OpenMoji files beside the board's. */
export const RATING_FACES = { 1: '1F641', 2: '1F610', 3: '1F600' } as const;
/** The "someone is speaking" cue (a speaking head). */
export const SPEAKING_ICON = '1F5E3';
/** Every OpenMoji file the apps use. */
export const OPENMOJI_FILES: readonly string[] = [
  ...PICTOGRAMS.map(pictogramFile),
  ...Object.values(RATING_FACES).map((hex) => `${hex}.svg`),
  `${SPEAKING_ICON}.svg`,
];
