import { afterEach, describe, expect, it } from 'vitest'
import { computed } from 'vue'
import { errorText, interpolate, isLocalText, locale, resolveLocalText, setLocale, t } from './index'
import { en } from './en'
import { zhCN } from './zh-CN'

afterEach(() => setLocale('en'))

describe('i18n', () => {
  it('zh-CN has every English key, and no empty text', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort())
    for (const v of Object.values(zhCN)) expect(v).not.toBe('')
  })

  it('t() follows the locale reactively', () => {
    const label = computed(() => t('shell.logout'))
    expect(label.value).toBe('Log out')
    setLocale('zh-CN')
    expect(locale.value).toBe('zh-CN')
    expect(label.value).toBe('退出登录')
  })

  it('interpolates parameters and leaves unknown ones visible', () => {
    expect(t('entry.belowMin', { min: 0.5 })).toBe('Minimum is 0.5')
    expect(interpolate('{a} and {b}', { a: 1 })).toBe('1 and {b}')
  })

  it('resolves APP texts: exact locale, then language, then English, then any', () => {
    expect(resolveLocalText('Tank', 'zh-CN')).toBe('Tank')
    expect(resolveLocalText({ en: 'Tank', 'zh-CN': '罐' }, 'zh-CN')).toBe('罐')
    expect(resolveLocalText({ en: 'Tank', zh: '罐' }, 'zh-CN')).toBe('罐')
    expect(resolveLocalText({ en: 'Tank', de: 'Behälter' }, 'zh-CN')).toBe('Tank')
    expect(resolveLocalText({ de: 'Behälter' }, 'en')).toBe('Behälter')
    expect(resolveLocalText(undefined, 'en')).toBe('')
  })

  it('isLocalText accepts strings and string maps only', () => {
    expect(isLocalText('x')).toBe(true)
    expect(isLocalText({ en: 'x' })).toBe(true)
    expect(isLocalText({ en: 1 })).toBe(false)
    expect(isLocalText(['x'])).toBe(false)
    expect(isLocalText(null)).toBe(false)
  })

  it('error codes have localized messages with English fallback', () => {
    expect(errorText('E_AUTH_FAILED')).toBe('Wrong user name or password')
    setLocale('zh-CN')
    expect(errorText('E_AUTH_FAILED')).toBe('用户名或密码错误')
    expect(errorText('E_FB_UNKNOWN_PIN')).toBe('Unknown pin')
    expect(errorText('E_NOT_A_CODE')).toBe('E_NOT_A_CODE')
  })
})
