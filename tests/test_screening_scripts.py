"""Names in Arabic, Persian, Chinese and Korean script read translated: the classes of stop 38 (glossary.py)."""

from auditor.screening.glossary import chinese_simplified, translated


def test_arabic_general_words_with_and_and_article_are_translated():
    # "and the investments", "for the metals": the clinging و and the article on a plural the glossary holds
    assert translated("الشركة السورية للمعادن والاستثمارات") == "company syrian metals and investments"
    assert translated("جمعية أخضر بلا حدود") == "society green without borders"


def test_arabic_phrase_is_read_before_its_words():
    # information technology, not "intelligence": the phrase wins over the single word
    assert "information technology" in translated("شرکت فناوری اطلاعات انصار")
    assert translated("الشركة السورية لتقانة المعلومات") == "company syrian information technology"


def test_alef_without_hamza_and_the_other_ya_and_kaf_are_the_same_word():
    assert translated("جمعية اخضر") == translated("جمعية أخضر")
    assert translated("شرکت ملی") is not None and translated("شركة") == "company"


def test_arabic_article_on_a_company_own_word_is_read_apart_not_in_persian_or_allah():
    assert translated("جمعية الصلاح الإسلامية").split()[:3] == ["society", "\u0627\u0644", "\u0635\u0644\u0627\u062d"]
    assert "\u0627\u0644\u0628\u0631\u0632" in translated("شرکت البرز")   # Persian: Alborz keeps its al
    assert "\u0627\u0644\u0644\u0647" in translated("جمعية الله")


def test_traditional_chinese_is_read_in_simplified():
    assert chinese_simplified("金木棉國際") == "金木棉国际"
    assert translated("浙江佳怡小商品貿易有限公司") == "zhejiang jiayi small commodities trading company limited"


def test_opening_chinese_city_suffix_is_left_out():
    assert translated("深圳市广深达先进设备有限公司").startswith("shenzhen guangshen da advanced equipment")
    assert chinese_simplified("三明中欧") == "三明中欧"   # no suffix, nothing dropped


def test_korean_ministry_and_command_words():
    assert translated("인민무력부") == "people's armed forces ministry"
    assert translated("보위사령부") == "security command"
    assert translated("조선아연공업총회사") == "korea zinc industrial general corporation"
