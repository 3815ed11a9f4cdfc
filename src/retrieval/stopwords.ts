// Words that carry no topic. Dropping them keeps question phrasing ("how do I ...") from
// pulling in passages and keeps the confidence measure about the topic words alone.
export const STOPWORDS = new Set(
  `a an and are as at be been but by can could did do does doing for from had has have how i i'm
  if in into is it its it's just me my of on or our should so some such than that the their them
  then there these they this those to too up us was we were what whats when where which while who
  whom why will with would you your yours am any also about again all more most no nor not only
  own same very s t don dont doesnt isnt im ive id ill youre get got gets want wanted need needs
  like one ones thing things stuff something anything really actually still even way ok okay
  hi hey hello thanks thank please pls dumb q question questions tell know new use using used
  does did done going see seen saw keep keeps say says said there's here else`.split(/\s+/),
);
