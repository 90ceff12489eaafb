# language: ar
@دعم
خاصية: توقعات الدعم الفني من المورد
  المتطلبات نفسها بالكلمات المفتاحية العربية لـ Gherkin: يكتبها فريق الأمن بالعربية
  وتبقى جمل الخطوات كما في قائمة `auditor requirements steps`.

  سيناريو: الرد على التذاكر الحرجة خلال ساعة واحدة
    ثم the "critical" support response must be at most 1 hours
    و "critical" support must be available 24x7

  سيناريو مخطط: الرد على تذاكر الخطورة <severity> خلال <hours> ساعة
    ثم the "<severity>" support response must be at most <hours> hours

    امثلة:
      | severity | hours |
      | high     | 8     |

  سيناريو: قنوات الدعم ومسار التصعيد
    ثم the vendor must offer "email" support
    و the vendor must describe an escalation process
