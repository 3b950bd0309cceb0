"""Russian interactions of officials (``extract/lexical/interactions.py``): meetings, visits, each step
of an agreement, named cooperation acts, and look-alikes that are none of them.

Sentences written for this project in the register of Russian TV news (short, a title and a
name per sentence); none is copied from news text. Publication date 2025-06-18. The pass rate
is pinned in ``floors.json`` (``ru_interactions_pass_rate``).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sanctionwatch.extract.lexical.interactions import drop_covered_visits
from sanctionwatch.model import Claim, Entity

from .generalisation import Case, W, pass_rate

P, OG, C = "announced_planned", "ongoing", "completed"
MT, AG, VI, OT = "meeting", "agreement", "visit", "other"
DV = "delegation visit"

CASES: list[Case] = [
    # meetings: parties by name, by a title that names a state, by a delegation, by a bilateral adjective
    ("Владимир Путин провёл в Кремле переговоры с Ким Чен Ыном.", [W(MT, "Vladimir Putin", "Kim Jong Un")]),
    ("Путин принял в Кремле министра иностранных дел КНДР Чве Сон Хи.", [W(MT, "Vladimir Putin", "Choe Son Hui")]),
    ("В Москве состоялись российско-корейские переговоры на уровне заместителей министров.", [W(MT, "RU", "KP")]),
    ("Министр обороны России провёл беседу с северокорейской военной делегацией.", [W(MT, "RU", "KP")]),
    ("Северокорейская делегация во главе с министром внешнеэкономических связей провела переговоры с "
     "вице-премьером правительства России.", [W(MT, "KP", "RU")]),
    ("Посол России в КНДР провёл встречу с министром иностранных дел КНДР.", [W(MT, "RU", "KP")]),
    ("Лидеры России и КНДР обсудили в Пхеньяне вопросы двустороннего сотрудничества.", [W(MT, "RU", "KP")]),
    ("Путин и Ким Чен Ын проведут переговоры во Владивостоке.", [W(MT, "Vladimir Putin", "Kim Jong Un", mod=P)]),
    ("Чве Сон Хи встретится с Лавровым в Москве.", [W(MT, "Choe Son Hui", "Sergei Lavrov", mod=P)]),
    ("Белоусов провёл переговоры в Пхеньяне.", [W(MT, "RU", "KP")]),  # the hosts are the other side
    ("Лавров прибыл в Пхеньян, где провёл переговоры с Чве Сон Хи.", [W(MT, "Sergei Lavrov", "Choe Son Hui")]),
    ("Ким Чен Ын прибыл в Россию и встретился с Путиным.", [W(MT, "Kim Jong Un", "Vladimir Putin")]),
    # talks still to come leave the arrival a visit
    ("Шойгу прибыл в Пхеньян. В ходе визита он проведёт переговоры с руководством КНДР.",
     [W(VI, "RU", "KP", kind=DV), W(MT, "Sergei Shoigu", "North Korea", mod=P)]),
    # two meetings of one visit; a restatement with fewer names is the same meeting
    ("Путин принял в Кремле Чве Сон Хи. Ранее она провела переговоры с Лавровым.",
     [W(MT, "Vladimir Putin", "Choe Son Hui"), W(MT, "Choe Son Hui", "Sergei Lavrov")]),
    ("Путин провёл переговоры с Ким Чен Ыном. Переговоры лидеров России и КНДР продлились три часа.",
     [W(MT, "Vladimir Putin", "Kim Jong Un")]),
    # parties the pack does not list: a Korean name by its form, a title naming no state (Russian)
    ("Путин принял в Кремле премьера КНДР Пак Тхэ Сона.", [W(MT, "RU", "KP")]),
    ("Вице-премьер правительства провёл переговоры с Чве Рён Хэ в Пхеньяне.", [W(MT, "RU", "KP")]),
    ("Матвиенко провела переговоры с председателем Верховного народного собрания КНДР.", [W(MT, "RU", "KP")]),
    ("Ким Чен Ын принял в Пхеньяне Медведева.", [W(MT, "KP", "RU")]),
    ("Ким Чен Ын провёл переговоры с Путиным в Пекине.", [W(MT, "Kim Jong Un", "Vladimir Putin")]),
    ("Шойгу прибыл в Пхеньян. В аэропорту его встретил министр обороны КНДР.",
     [W(MT, "Sergei Shoigu", "North Korea")]),
    ("Ким Чен Ын принял Шойгу, который передал ему послание Путина.", [W(MT, "Kim Jong Un", "Sergei Shoigu")]),
    # visits: traveller of one side, destination of the other
    ("Делегация КНДР прибыла с официальным визитом в Москву.", [W(VI, "KP", "RU", kind=DV)]),
    ("Министр природных ресурсов России прибыл в Пхеньян.", [W(VI, "RU", "KP", kind=DV)]),
    ("Северокорейская парламентская делегация находится с визитом в России.", [W(VI, "KP", "RU", kind=DV, mod=OG)]),
    ("Губернатор Приморья посетил КНДР.", [W(VI, "RU", "KP", kind=DV)]),
    ("Глава МИД КНДР отправилась в Москву.", [W(VI, "KP", "RU", kind=DV)]),
    ("Министр иностранных дел России вернулся из Пхеньяна.", [W(VI, "RU", "KP", kind=DV)]),
    ("Северокорейская делегация покинула Москву.", [W(VI, "KP", "RU", kind=DV)]),
    ("Российская военная делегация посетит Пхеньян.", [W(VI, "RU", "KP", kind=DV, mod=P)]),
    ("Ким Чен Ын прибыл в Россию на бронепоезде.", [W(VI, "KP", "RU", kind=DV)]),
    ("Делегация Приморского края прибыла в Расон.", [W(VI, "RU", "KP", kind=DV)]),
    ("Пхеньян посетил вице-премьер России.", [W(VI, "RU", "KP", kind=DV)]),
    ("Делегация КНДР посетила Владивосток.", [W(VI, "KP", "RU/Far East", kind=DV)]),
    ("Визит Шойгу в Пхеньян продлится два дня.", [W(VI, "RU", "KP", kind=DV, mod=P)]),
    ("В Москву прилетела делегация Трудовой партии Кореи.", [W(VI, "KP", "RU", kind=DV)]),
    # agreements: each step of a treaty's life
    ("Россия и КНДР подписали договор о всеобъемлющем стратегическом партнёрстве.", [W(AG, "RU", "KP")]),
    ("Госдума ратифицировала договор о всеобъемлющем стратегическом партнёрстве с КНДР.", [W(AG, "RU", "KP")]),
    ("Совет Федерации одобрил закон о ратификации договора с Северной Кореей.", [W(AG, "RU", "KP")]),
    ("Путин подписал закон о ратификации договора с КНДР.", [W(AG, "RU", "KP")]),
    ("Договор о всеобъемлющем стратегическом партнёрстве между Россией и КНДР вступил в силу.", [W(AG, "RU", "KP")]),
    ("Путин внесёт договор с КНДР на ратификацию в Госдуму.", [W(AG, "RU", "KP", mod=P)]),
    ("Россия и КНДР заключили соглашение о безвизовых групповых поездках.", [W(AG, "RU", "KP")]),
    ("Правительства России и КНДР подписали соглашение о строительстве автомобильного моста через реку "
     "Туманная.", [W(AG, "RU", "KP")]),
    ("Ким Чен Ын подписал указ о ратификации договора с Россией.", [W(AG, "KP", "RU")]),
    ("В Москве завершилась ратификация договора с КНДР.", [W(AG, "KP", "RU")]),
    ("Москва и Пхеньян договорились о продлении соглашения о рыболовстве.", [W(AG, "RU", "KP")]),
    ("Россия и КНДР обменялись ратификационными грамотами.", [W(AG, "RU", "KP")]),
    ("Москва и Пхеньян договорились о расширении сотрудничества в сфере образования.", [W(AG, "RU", "KP")]),
    ("Москва и Пхеньян договорились о сотрудничестве. Соответствующий протокол подписали министры двух стран.",
     [W(AG, "RU", "KP")]),
    # named cooperation acts with both sides
    ("Россия и КНДР запустили прямое авиасообщение между Москвой и Пхеньяном.",
     [W(OT, "RU", kind="direct flights")]),
    ("Между Москвой и Пхеньяном возобновилось прямое железнодорожное сообщение.",
     [W(OT, "RU", kind="rail service")]),
    ("Россия и КНДР начали строительство автомобильного моста через реку Туманная.", [W(OT, "RU", kind="bridge")]),
    ("Первая российская туристическая группа отправилась в КНДР.", [W(OT, "RU", kind="tourism")]),
    ("Новый пункт пропуска на границе России и КНДР откроется весной.",
     [W(OT, "RU", kind="border crossing", mod=P)]),
    ("Путин подарил Ким Чен Ыну автомобиль.", [W(OT, "RU", kind="gift")]),
    ("КНДР и Россия провели заседание межправительственной комиссии.",
     [W(OT, "KP", kind="intergovernmental commission")]),
    # look-alikes: messages, calls, other states, war news, receptions, commentary
    ("Путин поздравил Ким Чен Ына с годовщиной освобождения Кореи.", []),
    ("Ким Чен Ын направил Путину поздравительную телеграмму.", []),
    ("Путин провёл телефонный разговор с Ким Чен Ыном.", []),
    ("Лавров провёл переговоры с министром иностранных дел Китая в Пекине.", []),
    ("Российская армия освободила ещё два населённых пункта в Донбассе.", []),
    ("Посольство КНДР в Москве устроило приём по случаю национального праздника.", []),
    ("Ким Чен Ын посетил строительство новой больницы в Пхеньяне.", []),
    ("Делегация Вьетнама прибыла в Москву для переговоров.", []),
    ("Песков не стал комментировать возможную встречу Путина и Ким Чен Ына.", []),
    ("Эксперты обсуждают, как договор с КНДР изменит баланс сил в регионе.", []),
    ("Сеул призвал Москву прекратить военное сотрудничество с Пхеньяном.", []),
    ("Северокорейские школьники приехали на отдых в детский лагерь в Приморье.", []),
    ("Министр обороны России встретился с коллегой из Белоруссии.", []),
    ("Госдума приняла закон о бюджете на следующий год.", []),
    ("Посол России в КНДР посетил школу в Пхеньяне.", []),
    ("Посол КНДР посетил Курскую область.", []),
    ("США осудили визит Шойгу в Пхеньян.", []),
    ("Ким Чен Ын посетил семьи погибших в Курской области военных.", []),
    ("Путин пригласил Ким Чен Ына посетить Москву.", []),
    ("Политологи считают, что визит Путина в КНДР изменил расклад сил в Азии.", []),
    ("Ким Чен Ын посетил посольство России в Пхеньяне.", []),
    ("Песков: Кремль не исключает новой встречи Путина и Ким Чен Ына.", []),
    ("Лидеры России и Китая обсудили ситуацию на Корейском полуострове и отношения с КНДР.", []),
    ("Лукашенко встретился с послом КНДР в Минске.", []),
    ("Посол КНДР передал в МИД России послание Ким Чен Ына.", []),
    ("Министр обороны Южной Кореи встретился с Ли Хи Ёном.", []),
    ("Ким Чен Ын встретился с министром обороны КНДР на учениях.", []),
]

FLOORS = json.loads((Path(__file__).parent / "floors.json").read_text(encoding="utf-8"))


def test_ru_interactions_pass_rate(ml: dict[str, Any]) -> None:
    rate, failures = pass_rate(ml["ru"].extract_text, CASES)
    floor = FLOORS["ru_interactions_pass_rate"]
    assert rate >= floor, f"ru interactions {rate:.3f} < floor {floor}: {failures}"


def test_table_covers_every_interaction_and_negatives() -> None:
    wanted = {w.type for _, ws in CASES for w in ws}
    assert {MT, VI, AG, OT} <= wanted
    assert len(CASES) >= 40 and sum(1 for _, ws in CASES if not ws) >= 10


def test_the_headline_alone_carries_the_claim(ml: dict[str, Any]) -> None:
    claims = ml["ru"].extract_text("Стороны обсудили торговлю и туризм.", "2025-06-18",
                                   "Путин провёл переговоры с Ким Чен Ыном")
    assert [c.type for c in claims] == ["meeting"]
    assert claims[0].evidence[0].text == "Путин провёл переговоры с Ким Чен Ыном"
    assert (claims[0].evidence[0].start, claims[0].evidence[0].end) == (0, 0)


def test_a_fact_in_headline_and_body_is_one_claim_with_the_body_as_evidence(ml: dict[str, Any]) -> None:
    body = "Москва, 18 июня. Госдума ратифицировала договор о всеобъемлющем стратегическом партнёрстве с КНДР."
    claims = ml["ru"].extract_text(body, "2025-06-18", "Госдума ратифицировала договор с КНДР")
    assert [c.type for c in claims] == ["agreement"]
    ev = claims[0].evidence[0]
    assert body[ev.start:ev.end] == ev.text and ev.start > 0


def test_the_headline_names_the_parties_of_the_body(ml: dict[str, Any]) -> None:
    claims = ml["ru"].extract_text("Документ ратифицировала Государственная дума.", "2025-06-18",
                                   "Договор о всеобъемлющем стратегическом партнёрстве с КНДР")
    assert [(c.type, c.quantity.kind if c.quantity else None) for c in claims] == [("agreement", "ratification")]


def test_each_step_of_a_ratification_is_its_own_claim(ml: dict[str, Any]) -> None:
    text = ("Госдума ратифицировала договор о всеобъемлющем стратегическом партнёрстве с КНДР. "
            "Через неделю Совет Федерации одобрил закон о ратификации. Путин подписал закон о ратификации договора.")
    kinds = [c.quantity.kind for c in ml["ru"].extract_text(text, "2025-06-18") if c.quantity]
    assert kinds == ["ratification", "approval", "ratification law signed"]


def test_a_meeting_of_the_same_sides_covers_the_visit() -> None:
    ru, kp = Entity("Russia", "country:RU", "RU"), Entity("North Korea", "country:KP", "KP")
    visit = Claim(type="visit", actor=ru, target=kp)
    met = Claim(type="meeting", actor=kp, target=ru)
    assert drop_covered_visits([visit, met]) == [met]
    assert drop_covered_visits([visit]) == [visit]
    planned = Claim(type="meeting", actor=kp, target=ru, modality="announced_planned")
    assert drop_covered_visits([visit, planned]) == [visit, planned]
