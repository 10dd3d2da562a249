import type { ThemeConfig } from 'antd';

// A calm government blue; compact radius and Chinese-first font stack (Noto CJK on Linux).
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1d5bbf',
    colorInfo: '#1d5bbf',
    colorSuccess: '#2f9e44',
    colorWarning: '#e8a200',
    colorError: '#d4380d',
    borderRadius: 4,
    fontFamily:
      '-apple-system, BlinkMacSystemFont, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Helvetica Neue", Arial, sans-serif',
  },
  components: {
    Layout: { headerBg: '#123a7a', headerHeight: 56, headerPadding: '0 20px', siderBg: '#ffffff' },
    Menu: { itemBorderRadius: 4 },
  },
};
