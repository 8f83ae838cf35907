// Word lists for the parser benchmark: what campaigns watch for (topics) and what chats are
// mostly made of (everyday words), in Russian and English.

/** Nouns a campaign targets: housing, cars, jobs, services, goods, money, study. */
export const RU_TOPIC_NOUNS =
  `квартира комната студия дом дача коттедж таунхаус участок земля гараж офис склад
помещение новостройка вторичка ремонт застройщик риелтор аренда ипотека кредит рассрочка вклад
страховка автомобиль машина внедорожник кроссовер седан мотоцикл скутер велосипед самокат шины
диски запчасти автосервис шиномонтаж эвакуатор такси грузоперевозки переезд грузчики доставка
курьер работа вакансия подработка стажировка резюме зарплата бухгалтер юрист адвокат нотариус
программист дизайнер маркетолог копирайтер переводчик репетитор учитель тренер массаж маникюр
педикюр парикмахер барбершоп стрижка окрашивание косметолог стоматолог клиника анализы лечение
психолог няня сиделка уборка клининг химчистка сантехник электрик плиточник сварщик кровля окна
двери ламинат плитка обои мебель диван кровать шкаф матрас кухня холодильник стиральная посудомойка
телевизор ноутбук компьютер планшет смартфон телефон наушники приставка камера объектив принтер
роутер монитор видеокарта процессор кондиционер обогреватель пылесос кофемашина микроволновка
коляска автокресло игрушки одежда обувь куртка пуховик платье костюм сумка часы украшения
кольцо цветы букет торт выпечка кейтеринг банкет свадьба фотограф видеограф ведущий аниматор
праздник путевка тур отель хостел гостиница билеты перелет виза загранпаспорт гражданство
переводы обмен валюта биткоин криптовалюта инвестиции акции облигации брокер курсы обучение
школа садик университет диплом экзамен английский математика программирование вебинар
консультация оценка экспертиза сертификат лицензия регистрация банкротство наследство развод
алименты пенсия пособие субсидия налоги декларация вычет бизнес франшиза стартап поставщик
оптом склад логистика контейнер таможня упаковка печать вывеска реклама сайт лендинг магазин
приложение продвижение таргет`.split(/\s+/);

export const EN_TOPIC_NOUNS =
  `apartment flat room studio house cottage townhouse condo land garage office warehouse
property mortgage loan lease rent realtor landlord tenant roommate sublet renovation contractor
car truck suv sedan motorcycle scooter bike tires parts mechanic towing taxi moving movers delivery
courier job vacancy internship resume salary accountant lawyer attorney notary developer designer
marketer copywriter translator tutor teacher coach massage manicure haircut barber salon dentist
clinic therapy psychologist nanny babysitter cleaning cleaner plumber electrician roofer windows
doors flooring tiles furniture sofa couch bed wardrobe mattress kitchen fridge washer dishwasher
television laptop computer tablet smartphone phone headphones console camera lens printer router
monitor graphics processor conditioner heater vacuum espresso microwave stroller toys clothes
shoes jacket dress suit handbag watch jewelry ring flowers bouquet cake bakery catering banquet
wedding photographer videographer host animator party tour hotel hostel tickets flight visa
passport citizenship remittance exchange currency bitcoin crypto investment stocks bonds broker
course training school kindergarten university diploma exam english math coding webinar
consultation appraisal certificate license registration bankruptcy inheritance divorce pension
benefits taxes refund business franchise startup supplier wholesale logistics container customs
packaging printing signage advertising website landing shop app promotion insurance deposit
installment savings scholarship grant visa relocation storage parking`.split(/\s+/);

/** Verbs and adjectives that form phrases with the topic nouns. */
export const RU_PHRASE_HEADS =
  `снять купить продать сдать арендовать найти ищу нужен нужна нужно срочно заказать
оформить взять починить отремонтировать перевезти доставить новая новый недорогая недорогой
дешевая дешевый хорошая хороший большая большой`.split(/\s+/);

export const EN_PHRASE_HEADS = `rent buy sell find need looking hire book order fix repair move cheap new used
affordable good big small best`.split(/\s+/);

/** Brands, cities and products that campaigns list as keywords too. */
export const NAMES = `toyota honda bmw audi mercedes lada kia hyundai skoda volkswagen tesla ford nissan
iphone samsung xiaomi huawei macbook playstation xbox nintendo dyson bosch ikea avito ozon
wildberries яндекс сбер тинькофф москва питер казань сочи екатеринбург новосибирск краснодар
dubai london berlin istanbul бали тбилиси ереван алматы минск`.split(/\s+/);

/** Words a campaign never wants next to its keywords. */
export const MINUS_WORDS = `посуточно почасово бесплатно даром халява спам бот реклама казино ставки букмекер
схема развод мошенники кидалы порно эскорт закладки free spam bot casino betting scam porn
escort giveaway airdrop hourly daily nude onlyfans forex pyramid mlm лохотрон раскрутка накрутка
подписчики лайки взлом hack cheat crack warez torrent gambling дропы обнал кардинг`.split(/\s+/);

/** Everyday chat words: the bulk of every message. */
export const RU_CHAT_WORDS = `привет всем кто знает где как что это вот так уже еще очень тоже только можно
нельзя сегодня завтра вчера сейчас потом давно скоро утром вечером ночью днем спасибо пожалуйста
пожалуй конечно может наверное точно вообще просто ладно хорошо плохо нормально отлично класс
круто жаль странно смешно понятно интересно согласен согласна думаю кажется помню забыл знаю
слышал видел читал писал говорил сказал спросил ответил пришел ушел был была были будет будем
есть нет да ну ага угу блин кстати короче типа вроде чуть много мало больше меньше всего всех
наш ваш мой твой свой его ее их мы вы они он она оно я ты меня тебя нас вас им нам вам у в на
за под над из от до по про для без при через после перед между около и а но или если чтобы потому
когда тогда там тут здесь туда сюда оттуда отсюда всегда никогда иногда часто редко ребята друзья
народ коллеги соседи погода дождь снег солнце холодно жарко тепло ветер новости фильм сериал
музыка песня игра футбол хоккей матч счет гол команда тренировка зал бег прогулка парк кот собака
кофе чай завтрак обед ужин пицца суши выходные отпуск каникулы утро вечер неделя месяц год время
вопрос ответ мнение идея проблема ситуация случай история жизнь люди человек чат группа канал
сообщение ссылка фото видео голосовое стикер лол ахаха хаха`.split(/\s+/);

export const EN_CHAT_WORDS = `hi hello hey everyone anyone who knows where how what this that just really also
only can cannot today tomorrow yesterday now later soon morning evening night thanks thank please
sure maybe probably exactly actually okay ok fine great cool nice awesome sad funny weird agree
think guess remember forgot know heard saw read wrote said asked answered came went was were will
is are am be been yes no yeah yep nope well anyway btw like kinda pretty much many more less most
our your my their his her its we you they he she it me him us them at in on for from to of with
without about after before between around and but or if so because when then there here always
never sometimes often rarely guys friends folks neighbors weather rain snow sun cold hot warm wind
news movie series music song game football hockey match score goal team gym run walk street cat dog
coffee tea breakfast lunch dinner pizza sushi weekend vacation holidays week month year time
question answer opinion idea problem situation story life people person chat group channel message
link photo video sticker lol haha omg wow`.split(/\s+/);

export const EMOJI = [
  '🔥',
  '😂',
  '👍',
  '🙏',
  '❤️',
  '😊',
  '🤔',
  '😭',
  '🎉',
  '👀',
  '💯',
  '🤝',
  '😅',
  '✅',
  '🏠',
  '🚗',
];
export const PUNCTUATION = [
  '!',
  '?',
  '.',
  ',',
  '...',
  '!!!',
  '?!',
  ':)',
  ')))',
  ':(',
  '—',
  '-',
  '«',
  '»',
  '"',
];
