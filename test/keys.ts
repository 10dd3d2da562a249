/** The SM4 key of the test databases: the template's seals are encrypted with it. */
export const TEST_SECRET_KEY = '0123456789abcdeffedcba9876543210';
