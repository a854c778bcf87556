package dev.pretrain.dedup.filter;

class LinguaLanguageFilterTest extends LanguageFilterContract {
  @Override
  LanguageSettings.Engine engine() {
    return LanguageSettings.Engine.LINGUA;
  }
}
