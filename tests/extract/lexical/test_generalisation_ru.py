"""Russian generalisation table: sentences written after the rules, in wire and readout styles.

None is copied from news text; facts are paraphrased or invented to exercise grammar
(publication date 2025-06-18, a Wednesday). The pass rate is pinned in ``floors.json``.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .generalisation import Case, W, pass_rate

P, OG, C, E, D = "announced_planned", "ongoing", "completed", "reported_estimate", "denied"
LD, TD, AT, MT, AG, CA, WP = ("labor_dispatch", "troop_deployment", "arms_transfer", "meeting", "agreement",
                              "casualties", "workers_present")
K = "RU/Kursk"
FE = "RU/Far East"

CASES: list[Case] = [
    # spelled "полторы тысячи", agency after the claim
    ("Пхеньян отправил в Курскую область полторы тысячи военных строителей, сообщает ТАСС.",
     [W(LD, "KP", K, 1500, "construction workers", "exact", "TASS", C)]),
    ("Около 3 тыс. северокорейских саперов прибыли в Курскую область для разминирования, заявил губернатор "
     "Александр Хинштейн.",
     [W(LD, "KP", K, 3000, "sappers", "approx", "Alexander Khinshtein", C)]),
    # passive, "более 10 тысяч", "по словам" after the claim
    ("Более 10 тысяч военнослужащих КНДР были переброшены на Курское направление, по словам представителя "
     "Пентагона.",
     [W(TD, "KP", K, 10000, "troops", "at_least", "Pentagon", C)]),
    # vague "несколько сотен", a region of the Far East
    ("Несколько сотен северокорейских рабочих прибыли на стройки Приморья, сообщает «Интерфакс».",
     [W(LD, "KP", FE, None, "workers", None, "Interfax", C)]),
    # unhedged range, impersonal plural source
    ("КНДР направит в Россию от 10 до 12 тыс. военных, сообщили в Сеуле.",
     [W(TD, "KP", "RU", 10000, "troops", None, "South Korea", P, qmax=12000)]),
    # "как сообщает" first; "в прошлую пятницу" dates the arrival
    ("Как сообщает РИА Новости, в прошлую пятницу во Владивосток прибыла первая группа из 500 северокорейских "
     "строителей.",
     [W(LD, "KP", FE, 500, "construction workers", "exact", "RIA Novosti", C, "2025-06-13")]),
    # "в начале марта", arms with no number
    ("В начале марта КНДР передала России крупную партию артиллерийских снарядов, утверждает украинская разведка.",
     [W(AT, "KP", "RU", None, "artillery shells", None, "Ukrainian intelligence", C, "2025-03")]),
    # meeting, counterpart in the instrumental
    ("Министр обороны России Андрей Белоусов встретился в Пхеньяне с Ким Чен Ыном.",
     [W(MT, "Andrei Belousov", "Kim Jong Un")]),
    ("Лавров проведет переговоры с Цой Сон Хи в Москве, сообщили в МИД России.",
     [W(MT, "Sergei Lavrov", "Choe Son Hui", attr="Russian Foreign Ministry", mod=P)]),
    # denial verb "опроверг"
    ("Представитель Кремля Дмитрий Песков опроверг сообщения о прибытии северокорейских рабочих в Россию.",
     [W(LD, "KP", "RU", None, "workers", None, "Dmitry Peskov", D, neg=True)]),
    # "назвал фейком", casualties denied
    ("Посол КНДР в Москве назвал фейком сообщения о гибели северокорейских военных под Курском.",
     [W(CA, "KP", K, None, "casualties", None, "DPRK ambassador to Russia", D, neg=True)]),
    # passive casualty verb
    ("По данным украинской разведки, около 4 тыс. военных КНДР были убиты или ранены в Курской области.",
     [W(CA, "KP", K, 4000, "casualties", "approx", "Ukrainian intelligence", C)]),
    # Iran, vague "несколько тысяч", impersonal source
    ("Россия получила от Ирана несколько тысяч беспилотников «Шахед», заявили в Киеве.",
     [W(AT, "IR", "RU", None, "drones", None, "Ukraine", C)]),
    # denial as "назвал ложью"
    ("Тегеран назвал ложью сообщения о передаче России баллистических ракет.",
     [W(AT, "IR", "RU", None, "missiles", None, "Iran", D, neg=True)]),
    # "со ссылкой на" before the relaying agency
    ("Иран передал России около 200 ракет малой дальности, со ссылкой на американских чиновников сообщает "
     "агентство Reuters.",
     [W(AT, "IR", "RU", 200, "missiles", "approx", "U.S. officials", C)]),
    # a newspaper outside the lexicon
    ("Северокорейские рабочие трудятся на стройках Москвы и Подмосковья, пишет газета «Коммерсант».",
     [W(WP, "KP", "RU", None, "workers", None, "Kommersant", OG)]),
    # entries, "более 13 тыс.", "в прошлом году"
    ("В прошлом году в Россию въехали более 13 тыс. граждан КНДР, следует из данных пограничной службы ФСБ.",
     [W("other", "KP", "RU", 13000, "entries", "at_least", "FSB Border Service", C, "2024")]),
    ("Москва и Пхеньян подписали соглашение о военно-техническом сотрудничестве.",
     [W(AG, "RU", "KP")]),
    ("Шойгу в третий раз за три месяца посетил Пхеньян, где провел переговоры с Ким Чен Ыном.",
     [W(MT, "Sergei Shoigu", "Kim Jong Un")]),
    # "по словам" first, ongoing fighting
    ("По словам Зеленского, в Курской области сейчас воюют около 11 тыс. северокорейских солдат.",
     [W(TD, "KP", K, 11000, "troops", "approx", "Volodymyr Zelensky", OG)]),
    # modal "может", vague number, unknown newspaper
    ("КНДР может направить в Россию еще несколько тысяч военных, пишет южнокорейская газета «Чосон ильбо».",
     [W(TD, "KP", "RU", None, "troops", None, "Chosun Ilbo", P)]),
    # "не менее", casualty verb
    ("Не менее 1500 северокорейских военных погибли в боях за Курскую область, заявили в ГУР Минобороны Украины.",
     [W(CA, "KP", K, 1500, "casualties", "at_least", "Ukrainian intelligence", C)]),
    ("В мае КНДР отправила на Дальний Восток около 2 тыс. рабочих.",
     [W(LD, "KP", FE, 2000, "workers", "approx", None, C, "2025-05")]),
    # "передает ТАСС со ссылкой на"
    ("КНДР направит в Курскую область еще тысячу саперов, передает ТАСС со ссылкой на секретаря Совбеза Сергея "
     "Шойгу.",
     [W(LD, "KP", K, 1000, "sappers", "exact", "Sergei Shoigu", P)]),
    # the user of DPRK missiles as subject
    ("Россия использует северокорейские баллистические ракеты KN-23 для ударов по Украине, заявил Андрей Костин.",
     [W(AT, "KP", "RU", None, "missiles", None, "Andriy Kostin", OG)]),
    ("По оценкам Минобороны Южной Кореи, КНДР поставила России свыше 12 тыс. контейнеров с боеприпасами.",
     [W(AT, "KP", "RU", 12000, "containers", "at_least", "South Korea's Defence Ministry", E)]),
    # "9 млн", estimate verb in the impersonal plural
    ("Северная Корея поставила России около 9 млн артиллерийских снарядов, считают в Сеуле.",
     [W(AT, "KP", "RU", 9000000, "artillery shells", "approx", "South Korea", E)]),
    # "прибыл с визитом" is a visit, not a dispatch
    ("Ким Чен Ын прибыл в Москву с визитом и провел переговоры с Путиным.",
     [W(MT, "Kim Jong Un", "Vladimir Putin")]),
    # a planned time is never the date of an announcement (../shared/cases/README.md, "Dates"), a
    # planned meeting's included (as in the shared case "проведут переговоры в Москве")
    ("Путин и Ким Чен Ын встретятся во Владивостоке в сентябре, сообщил Песков.",
     [W(MT, "Vladimir Putin", "Kim Jong Un", attr="Dmitry Peskov", mod=P)]),
    ("Иран намерен поставить России партию баллистических ракет Fath-360, сообщили в Белом доме.",
     [W(AT, "IR", "RU", None, "missiles", None, "White House", P)]),
    ("КНДР в прошлом году направила в Россию 12 тыс. военнослужащих, в том числе бойцов спецназа, сообщили в "
     "Генштабе ВСУ.",
     [W(TD, "KP", "RU", 12000, "troops", "exact", "Ukrainian General Staff", C, "2024")]),
    ("Около 600 военнослужащих КНДР погибли в Курской области, сообщил южнокорейский депутат со ссылкой на "
     "разведку.",
     [W(CA, "KP", K, 600, "casualties", "approx", "South Korean intelligence", C)]),
    # "сообщил, что" before the claim
    ("Губернатор Курской области сообщил, что в регион прибыли около 1,5 тыс. военных строителей из КНДР.",
     [W(LD, "KP", K, 1500, "construction workers", "approx", "Kursk governor", C)]),
    ("В Пхеньяне подписано межправительственное соглашение между Россией и КНДР о трудовой миграции.",
     [W(AG, "RU", "KP")]),
    # negative statement by the accused side = denial
    ("Армия КНДР не участвует в боевых действиях на Украине, заявили в МИД КНДР.",
     [W(TD, "KP", "UA", None, "troops", None, "DPRK Foreign Ministry", D, neg=True)]),
    ("Северокорейские военные проходят обучение на полигонах в Приморском крае, сообщает Reuters.",
     [W(TD, "KP", FE, None, "troops", None, "Reuters", OG)]),
    ("Россия рассчитывает получить из КНДР до 50 тыс. рабочих в этом году, пишет Financial Times.",
     [W(LD, "KP", "RU", 50000, "workers", "up_to", "Financial Times", P)]),  # "в этом году" is the plan's time
    ("Москва получила из Пхеньяна крупную партию боеприпасов, сообщает агентство Ёнхап.",
     [W(AT, "KP", "RU", None, "artillery shells", None, "Yonhap", C)]),
    # kind from an occupation noun
    ("В Курскую область переброшены северокорейские артиллеристы, говорится в сводке Генштаба ВСУ.",
     [W(TD, "KP", K, None, "troops", None, "Ukrainian General Staff", C)]),
    ("Свыше 5 тысяч граждан КНДР работают в России, утверждает японское издание Nikkei.",
     [W(WP, "KP", "RU", 5000, "workers", "at_least", "Nikkei", OG)]),
    # Russian training help is "other", actor Russia
    ("Россия обучает северокорейских военных управлению беспилотниками, сообщила британская разведка.",
     [W("other", "RU", "KP", None, None, None, "UK Defence Intelligence", OG)]),
    # negatives that look similar
    ("Около 3 тыс. трудовых мигрантов из Узбекистана прибыли в Москву в начале марта.", []),
    ("КНДР провела испытание новой баллистической ракеты, сообщило Центральное телеграфное агентство Кореи.", []),
    ("ВСУ атаковали Курскую область более чем 30 беспилотниками, сообщило Минобороны России.", []),
    ("Подводная лодка «Курск» затонула в Баренцевом море в августе 2000 года.", []),
    ("Экспорт Южной Кореи в Россию сократился на 12% в прошлом году.", []),
    ("Сборная КНДР по футболу обыграла Россию со счетом 2:1.", []),
    ("Россия направила в Курскую область дополнительно 5 тыс. военнослужащих, сообщил Хинштейн.", []),
    ("Южная Корея поставит Польше 180 танков K2.", []),
    ("Товарооборот России и КНДР в прошлом году вырос до 34 млн долларов.", []),
    ("Около 10 тыс. рабочих из Таджикистана и Киргизии трудятся на стройках Подмосковья.", []),
    ("Путин провел переговоры с премьер-министром Индии в Кремле.", []),
    ("Ким Чен Ын посетил завод по производству ракет и проверил ход работ.", []),
    ("Иран провел испытания нового беспилотника на учениях в Персидском заливе.", []),
    ("Песков отказался комментировать сообщения о северокорейских военных в России.", []),
]

FLOORS = json.loads((Path(__file__).parent / "floors.json").read_text(encoding="utf-8"))


def test_ru_generalisation_pass_rate(ml: dict[str, Any]) -> None:
    rate, failures = pass_rate(ml["ru"].extract_text, CASES)
    floor = FLOORS["ru_generalisation_pass_rate"]
    assert rate >= floor, f"ru generalisation {rate:.3f} < floor {floor}: {failures}"
