// ECharts, registered piece by piece (echarts/core) so the lazily loaded chunk holds only what the
// pages draw. Register a chart or component here before using it in an option.
import { PieChart, type PieSeriesOption } from 'echarts/charts';
import {
  TitleComponent,
  type TitleComponentOption,
  TooltipComponent,
  type TooltipComponentOption,
} from 'echarts/components';
import { type ComposeOption, init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

use([PieChart, TitleComponent, TooltipComponent, SVGRenderer]);

export type ChartOption = ComposeOption<PieSeriesOption | TitleComponentOption | TooltipComponentOption>;

export { init };
